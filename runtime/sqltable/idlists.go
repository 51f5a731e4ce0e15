package sqltable

import (
	"database/sql"
	"strings"
)

// IDLists calls fn with "col IN (?, …)" and its arguments for each run of
// at most max of ids, in order (never for none). Each list is padded to a
// power of two by repeating its last ID, which matches nothing more: lists
// of any length share log2(max)+1 statement texts, so a connection that
// keeps its statements prepared (the state store's SQLite connections,
// pgx's cache) keeps a few rather than one per length. max must be a
// power of two.
func IDLists(col string, ids []string, max int, fn func(where string, args []any) error) error {
	for len(ids) > 0 {
		n := min(len(ids), max)
		size := 1
		for size < n {
			size *= 2
		}
		args := make([]any, size)
		for i := range args {
			args[i] = ids[min(i, n-1)]
		}
		if err := fn(col+" IN (?"+strings.Repeat(", ?", size-1)+")", args); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// ScanIDs adds the first column of every row of rows, an ID, to set, and
// closes rows.
func ScanIDs(rows *sql.Rows, set map[string]bool) error {
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		set[id] = true
	}
	return rows.Err()
}
