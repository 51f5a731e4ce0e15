package cron

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/diag"
)

// ValidationError is a submit-time rejection of a cron frequency, worded as
// Oozie words it.
type ValidationError struct {
	Expr string    // the expression as Oozie stores it
	Code diag.Code // Oozie error code: E1003, or E0803 for the NullPointerException case
	Msg  string
}

// Error returns the Oozie message.
func (e *ValidationError) Error() string { return e.Msg }

// Validate applies Oozie's submit-time checks to a coordinator with cron
// frequency expr, start and end: the expression must parse (*ParseError),
// must fire at all after start − 1 minute ("Invalid coordinator cron
// frequency: X"), and its first fire must come before end ("Coordinator job
// with frequency 'X' materializes no actions between start and end time.").
// The start < end check is Oozie's separate, earlier check and is not
// repeated here.
func Validate(expr string, start, end time.Time) error {
	e, err := Parse(expr)
	if err != nil {
		return err
	}
	return e.Validate(start, end)
}

// Validate is the package-level Validate for an already parsed expression.
func (e *Expr) Validate(start, end time.Time) error {
	first, st := e.next(start.Add(-time.Minute))
	switch st {
	case never:
		return &ValidationError{Expr: e.text, Code: diag.E1003,
			Msg: "Invalid coordinator cron frequency: " + e.text}
	case variantNever:
		return &ValidationError{Expr: e.text, Code: diag.E0803,
			Msg: fmt.Sprintf("Coordinator job with frequency '%s' cannot be materialized: "+
				"its day-of-month-only or its day-of-week-only reading never fires, and Oozie then fails with a NullPointerException", e.text)}
	}
	if !first.Before(end) {
		return &ValidationError{Expr: e.text, Code: diag.E1003,
			Msg: fmt.Sprintf("Coordinator job with frequency '%s' materializes no actions between start and end time.", e.text)}
	}
	return nil
}
