package state

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// table declares how the rows of one SQL table map to a Go struct R: each
// column once, with the value INSERT stores and how a read value is decoded.
// Column lists, placeholders and scans are all derived from it, so adding a
// column is one line.
type table[R any] struct {
	name string
	cols []column[R]
}

// column is one column of a table.
type column[R any] struct {
	name string
	// value is what INSERT stores for r.
	value func(r *R) any
	// decode sets r's field from a scanned value (string, int64, []byte or
	// nil for NULL).
	decode func(r *R, src any) error
}

// columns is the comma-separated column list, in declaration order.
func (t *table[R]) columns() string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// insert is "INSERT INTO <table> (<columns>) VALUES (?, …)".
func (t *table[R]) insert() string {
	return "INSERT INTO " + t.name + " (" + t.columns() + ") VALUES (?" + strings.Repeat(", ?", len(t.cols)-1) + ")"
}

// selectFrom is "SELECT <columns> FROM <table> ".
func (t *table[R]) selectFrom() string { return "SELECT " + t.columns() + " FROM " + t.name + " " }

// values are r's INSERT arguments, in column order.
func (t *table[R]) values(r *R) []any {
	out := make([]any, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.value(r)
	}
	return out
}

// scanAll reads every row of rows (selected with selectFrom) into a slice.
func (t *table[R]) scanAll(rows *sql.Rows) ([]R, error) {
	defer rows.Close()
	var cur R
	dests := make([]any, len(t.cols))
	for i, c := range t.cols {
		dests[i] = decoder(func(src any) error {
			if err := c.decode(&cur, src); err != nil {
				return fmt.Errorf("%s.%s: %w", t.name, c.name, err)
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

// text is a NOT NULL text column.
func text[R any, S ~string](name string, f func(*R) *S) column[R] {
	return column[R]{name: name,
		value: func(r *R) any { return string(*f(r)) },
		decode: func(r *R, src any) error {
			s, err := asString(src)
			*f(r) = S(s)
			return err
		}}
}

// optText is a text column that stores "" as NULL.
func optText[R any](name string, f func(*R) *string) column[R] {
	c := text(name, f)
	c.value = func(r *R) any { return nullString(*f(r)) }
	return c
}

// integer is a NOT NULL integer column.
func integer[R any](name string, f func(*R) *int) column[R] {
	return column[R]{name: name,
		value: func(r *R) any { return *f(r) },
		decode: func(r *R, src any) error {
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

// flag is a boolean stored as the integer 0 or 1.
func flag[R any](name string, f func(*R) *bool) column[R] {
	return column[R]{name: name,
		value: func(r *R) any { return boolInt(*f(r)) },
		decode: func(r *R, src any) error {
			v, ok := src.(int64)
			if !ok && src != nil {
				return fmt.Errorf("holds %v (%T), not 0 or 1", src, src)
			}
			*f(r) = v != 0
			return nil
		}}
}

// timestamp is a NOT NULL time column (TimeLayout text).
func timestamp[R any](name string, f func(*R) *time.Time) column[R] {
	return column[R]{name: name,
		value: func(r *R) any { return FormatTime(*f(r)) },
		decode: func(r *R, src any) error {
			s, err := asString(src)
			if err != nil {
				return err
			}
			*f(r), err = ParseTime(s)
			return err
		}}
}

// optTimestamp is a time column that stores the zero time as NULL.
func optTimestamp[R any](name string, f func(*R) *time.Time) column[R] {
	return column[R]{name: name,
		value: func(r *R) any { return nullTime(*f(r)) },
		decode: func(r *R, src any) error {
			if src == nil {
				*f(r) = time.Time{}
				return nil
			}
			s, err := asString(src)
			if err != nil {
				return err
			}
			*f(r), err = ParseTime(s)
			return err
		}}
}

// asString reads a text value; NULL reads as "".
func asString(src any) (string, error) {
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
