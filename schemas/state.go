package schemas

import _ "embed"

//go:embed state.sql
var stateSQL string

// StateSQL returns the DDL of coordc's state database at its current schema
// version, portable between SQLite and PostgreSQL. It documents the schema;
// the database is built by runtime/state's migrations, which a test holds
// equal to it.
func StateSQL() string { return stateSQL }
