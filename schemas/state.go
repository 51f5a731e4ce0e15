package schemas

import _ "embed"

//go:embed state.sql
var stateSQL string

// StateSQL returns the DDL of coordc's state database (schema version 1),
// portable between SQLite and PostgreSQL.
func StateSQL() string { return stateSQL }
