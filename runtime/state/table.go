package state

import (
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// The state store's own column kinds, beside sqltable's: times in
// TimeLayout. Each takes the field's address in a row.

// timestamp is a NOT NULL time column (TimeLayout text).
func timestamp[R any](name string, f func(*R) *time.Time) sqltable.Column[R] {
	return sqltable.Column[R]{Name: name,
		Value: func(r *R) any { return FormatTime(*f(r)) },
		Decode: func(r *R, src any) error {
			s, err := sqltable.AsString(src)
			if err != nil {
				return err
			}
			*f(r), err = ParseTime(s)
			return err
		}}
}

// optTimestamp is a time column that stores the zero time as NULL.
func optTimestamp[R any](name string, f func(*R) *time.Time) sqltable.Column[R] {
	return sqltable.Column[R]{Name: name,
		Value: func(r *R) any { return nullTime(*f(r)) },
		Decode: func(r *R, src any) error {
			if src == nil {
				*f(r) = time.Time{}
				return nil
			}
			s, err := sqltable.AsString(src)
			if err != nil {
				return err
			}
			*f(r), err = ParseTime(s)
			return err
		}}
}

// decoder adapts a function to sql.Scanner, for scans that read columns
// beyond a table's declaration (a join).
type decoder func(src any) error

func (d decoder) Scan(src any) error { return d(src) }
