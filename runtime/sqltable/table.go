// Package sqltable declares how the rows of a SQL table map to a Go struct:
// each column once, with the value INSERT stores and how a read value is
// decoded. Column lists, placeholders, INSERT arguments and scans are all
// derived from the declaration, so adding a column is one line. The state
// store (coord_jobs, coord_actions, flink_jars) and the workflow engine
// (wf_jobs, wf_actions) declare their tables with it.
package sqltable

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Table declares the columns of table Name that a row R maps.
type Table[R any] struct {
	Name string
	Cols []Column[R]
}

// Column is one column of a table.
type Column[R any] struct {
	Name string
	// Value is what INSERT stores for r.
	Value func(r *R) any
	// Decode sets r's field from a scanned value (string, int64, []byte or
	// nil for NULL).
	Decode func(r *R, src any) error
}

// Columns is the comma-separated column list, in declaration order.
func (t *Table[R]) Columns() string {
	names := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// Only is t with the named columns only, in that order: the declaration
// of a narrower read of the same table. It panics on a name t does not
// declare (a programming error, found at package initialisation).
func (t *Table[R]) Only(names ...string) *Table[R] {
	out := &Table[R]{Name: t.Name}
	for _, n := range names {
		i := slices.IndexFunc(t.Cols, func(c Column[R]) bool { return c.Name == n })
		if i < 0 {
			panic(fmt.Sprintf("sqltable: table %s has no column %s", t.Name, n))
		}
		out.Cols = append(out.Cols, t.Cols[i])
	}
	return out
}

// Insert is "INSERT INTO <table> (<columns>) VALUES (?, …)".
func (t *Table[R]) Insert() string {
	return "INSERT INTO " + t.Name + " (" + t.Columns() + ") VALUES (?" + strings.Repeat(", ?", len(t.Cols)-1) + ")"
}

// SelectFrom is "SELECT <columns> FROM <table> ".
func (t *Table[R]) SelectFrom() string { return "SELECT " + t.Columns() + " FROM " + t.Name + " " }

// Values are r's INSERT arguments, in column order.
func (t *Table[R]) Values(r *R) []any {
	out := make([]any, len(t.Cols))
	for i, c := range t.Cols {
		out[i] = c.Value(r)
	}
	return out
}

// ScanAll reads every row of rows (selected with SelectFrom) into a slice
// and closes rows. A value a column cannot decode is an error naming
// <table>.<column>.
func (t *Table[R]) ScanAll(rows *sql.Rows) ([]R, error) {
	defer rows.Close()
	var cur R
	dests := make([]any, len(t.Cols))
	for i, c := range t.Cols {
		dests[i] = decoder(func(src any) error {
			if err := c.Decode(&cur, src); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
			return nil
		})
	}
	var out []R
	for rows.Next() {
		var zero R
		cur = zero
		if err := rows.Scan(dests...); err != nil {
			return nil, err
		}
		out = append(out, cur)
	}
	return out, rows.Err()
}

// decoder adapts a function to sql.Scanner.
type decoder func(src any) error

func (d decoder) Scan(src any) error { return d(src) }

// The column kinds. Each takes the field's address in a row.

// Text is a text column; NULL reads as "".
func Text[R any, S ~string](name string, f func(*R) *S) Column[R] {
	return Column[R]{Name: name,
		Value: func(r *R) any { return string(*f(r)) },
		Decode: func(r *R, src any) error {
			s, err := AsString(src)
			*f(r) = S(s)
			return err
		}}
}

// OptText is a text column that stores "" as NULL.
func OptText[R any, S ~string](name string, f func(*R) *S) Column[R] {
	c := Text(name, f)
	c.Value = func(r *R) any {
		if s := *f(r); s != "" {
			return string(s)
		}
		return nil
	}
	return c
}

// Integer is an integer column; NULL reads as 0.
func Integer[R any](name string, f func(*R) *int) Column[R] {
	return Column[R]{Name: name,
		Value: func(r *R) any { return *f(r) },
		Decode: func(r *R, src any) error {
			switch v := src.(type) {
			case int64:
				*f(r) = int(v)
				return nil
			case nil:
				*f(r) = 0
				return nil
			}
			return fmt.Errorf("holds %v (%T), not an integer", src, src)
		}}
}

// Flag is a boolean stored as the integer 0 or 1.
func Flag[R any](name string, f func(*R) *bool) Column[R] {
	return Column[R]{Name: name,
		Value: func(r *R) any {
			if *f(r) {
				return 1
			}
			return 0
		},
		Decode: func(r *R, src any) error {
			v, ok := src.(int64)
			if !ok && src != nil {
				return fmt.Errorf("holds %v (%T), not 0 or 1", src, src)
			}
			*f(r) = v != 0
			return nil
		}}
}

// AsString reads a text value, for a column kind's Decode; NULL reads as
// "".
func AsString(src any) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("holds %v (%T), not text", src, src)
}
