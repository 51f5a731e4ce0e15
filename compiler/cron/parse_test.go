package cron

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		expr string
		want ParseError // Expr is filled in from expr
	}{
		// Whole-expression problems: Oozie's "must have 5 bit fields".
		{"", ParseError{Field: -1, Offset: 0, Length: 1, Msg: "must have 5 bit fields separated by single spaces, found 1"}},
		{"frequency", ParseError{Field: -1, Offset: 0, Length: 9, Msg: "must have 5 bit fields separated by single spaces, found 1"}},
		{"0 10 * *", ParseError{Field: -1, Offset: 0, Length: 8, Msg: "must have 5 bit fields separated by single spaces, found 4"}},
		{"0  10 * * *", ParseError{Field: -1, Offset: 1, Length: 2, Msg: "must have 5 bit fields separated by single spaces, found 6 (two spaces in a row)"}},
		{"0 0 10 * * *", ParseError{Field: -1, Offset: 11, Length: 1, Msg: "must have 5 bit fields separated by single spaces, found 6; Oozie has no seconds or year field"}},
		{"0\t10 * * *", ParseError{Field: -1, Offset: 1, Length: 1, Msg: "must have 5 bit fields separated by single spaces, not tabs"}},
		{"00 00 * *         *", ParseError{Field: -1, Offset: 9, Length: 2, Msg: "must have 5 bit fields separated by single spaces, found 13 (two spaces in a row)"}},
		// An empty field keeps the count at 5 but leaves Quartz one short.
		{"0  * * *", ParseError{Field: 1, Offset: 1, Length: 1, Msg: "the hour field is empty (two spaces in a row)"}},
		// Field problems: "must be an integer or a cron syntax".
		{"60 * * * *", ParseError{Field: 0, Offset: 0, Length: 2, Msg: "minute 60 is out of range 0-59"}},
		{"0 24 * * *", ParseError{Field: 1, Offset: 2, Length: 2, Msg: "hour 24 is out of range 0-23"}},
		{"0 0 32 * ?", ParseError{Field: 2, Offset: 4, Length: 2, Msg: "day-of-month 32 is out of range 1-31"}},
		{"0 0 0 * ?", ParseError{Field: 2, Offset: 4, Length: 1, Msg: "day-of-month 0 is out of range 1-31"}},
		{"0 0 1 13 ?", ParseError{Field: 3, Offset: 6, Length: 2, Msg: "month 13 is out of range 1-12"}},
		{"0 0 ? * 0", ParseError{Field: 4, Offset: 8, Length: 1, Msg: "day-of-week 0 is out of range 1-7 (Oozie counts 1 = Sunday)"}},
		{"0 0 ? * 1-8", ParseError{Field: 4, Offset: 10, Length: 1, Msg: "day-of-week 8 is out of range 1-7 (Oozie counts 1 = Sunday)"}},
		{"0 0 ? * 0#1", ParseError{Field: 4, Offset: 8, Length: 1, Msg: "day-of-week 0 is out of range 1-7 (Oozie counts 1 = Sunday)"}},
		{"0 0 1 FOO ?", ParseError{Field: 3, Offset: 6, Length: 3, Msg: `"FOO" is not a month name (JAN-DEC)`}},
		{"0 0 ? * MO", ParseError{Field: 4, Offset: 8, Length: 2, Msg: `"MO" is not a day-of-week name (SUN-SAT)`}},
		{"0 0 ? * MON-FR", ParseError{Field: 4, Offset: 12, Length: 2, Msg: `"FR" is not a day-of-week name (SUN-SAT)`}},
		{"0 0 MON * ?", ParseError{Field: 2, Offset: 4, Length: 3, Msg: `"MON" is not allowed in the day-of-month field`}},
		{"? * * * *", ParseError{Field: 0, Offset: 0, Length: 1, Msg: "'?' is only allowed in the day-of-month and day-of-week fields"}},
		{"0 0 ? * ?", ParseError{Field: 4, Offset: 8, Length: 1, Msg: "'?' cannot be used in both the day-of-month and the day-of-week field; name the days in one of them"}},
		// Oozie also builds the day-of-month-only reading, where "?X" leaves
		// no day field at all.
		{"0 0 ?X * 2", ParseError{Field: 4, Offset: 9, Length: 1, Msg: "'?' cannot be used in both the day-of-month and the day-of-week field; name the days in one of them"}},
		{"0 0 ?,* * ?", ParseError{Field: 4, Offset: 10, Length: 1, Msg: "either the day-of-month or the day-of-week field must be '?'-free; Quartz cannot read both as '?'"}},
		{"0 0 ?AB * 1", ParseError{Field: 2, Offset: 5, Length: 2, Msg: `unexpected "AB" after '?'`}},
		{"*/60 * * * *", ParseError{Field: 0, Offset: 2, Length: 2, Msg: "increment 60 is too large for the minute field (at most 59)"}},
		{"0 */24 * * *", ParseError{Field: 1, Offset: 4, Length: 2, Msg: "increment 24 is too large for the hour field (at most 23)"}},
		{"0 0 ? */13 1", ParseError{Field: 3, Offset: 8, Length: 2, Msg: "increment 13 is too large for the month field (at most 12)"}},
		{"0 0 ? * */8", ParseError{Field: 4, Offset: 10, Length: 1, Msg: "increment 8 is too large for the day-of-week field (at most 7)"}},
		{"*/ * * * *", ParseError{Field: 0, Offset: 1, Length: 1, Msg: "'/' must be followed by a number"}},
		{"*/x * * * *", ParseError{Field: 0, Offset: 2, Length: 1, Msg: `increment "X" is not a number`}},
		{"5/ * * * *", ParseError{Field: 0, Offset: 1, Length: 1, Msg: "'/' must be followed by a number"}},
		{"5/1x * * * *", ParseError{Field: 0, Offset: 3, Length: 1, Msg: `unexpected "X" after '/'`}},
		{"5- * * * *", ParseError{Field: 0, Offset: 0, Length: 2, Msg: `range "5-" must end with a number`}},
		{"1-5/ * * * *", ParseError{Field: 0, Offset: 3, Length: 1, Msg: "'/' must be followed by a number"}},
		{"L * * * *", ParseError{Field: 0, Offset: 0, Length: 1, Msg: "'L' is only allowed in the day-of-month and day-of-week fields"}},
		{"0 0 L-31 * ?", ParseError{Field: 2, Offset: 6, Length: 2, Msg: "offset 31 from the last day of the month is more than 30"}},
		{"0 0 L- * ?", ParseError{Field: 2, Offset: 4, Length: 2, Msg: "'L-' must be followed by a number"}},
		{"0 0 L,5 * ?", ParseError{Field: 2, Offset: 4, Length: 3, Msg: "'L' cannot be combined with other days of the month in a list"}},
		{"0 0 ? * 6L,2", ParseError{Field: 4, Offset: 8, Length: 4, Msg: "'L' cannot be combined with other days of the week in a list"}},
		{"0 0 ? * 1#1,2#2", ParseError{Field: 4, Offset: 13, Length: 1, Msg: "only one '#' term is allowed in the day-of-week field"}},
		{"0 0 ? * 2#6", ParseError{Field: 4, Offset: 9, Length: 2, Msg: "'#' must be followed by a number from 1 to 5"}},
		{"0 0 1#1 * ?", ParseError{Field: 2, Offset: 5, Length: 1, Msg: "'#' is only allowed in the day-of-week field"}},
		{"0 0 ? * 2W", ParseError{Field: 4, Offset: 9, Length: 1, Msg: "'W' is only allowed in the day-of-month field"}},
		{"0 0 32W * ?", ParseError{Field: 2, Offset: 4, Length: 2, Msg: "day-of-month 32 is out of range 1-31"}},
		{"0 0 5L * ?", ParseError{Field: 2, Offset: 5, Length: 1, Msg: "'L' after a number is only allowed in the day-of-week field"}},
		{"0 0 ? * 8L", ParseError{Field: 4, Offset: 8, Length: 1, Msg: "day-of-week 8 is out of range 1-7 (Oozie counts 1 = Sunday)"}},
		{"a * * * *", ParseError{Field: 0, Offset: 0, Length: 1, Msg: `"A" is not allowed in the minute field`}},
		{"-5 * * * *", ParseError{Field: 0, Offset: 0, Length: 1, Msg: `unexpected character "-" in the minute field`}},
		{", * * * *", ParseError{Field: 0, Offset: 0, Length: 1, Msg: "the minute field has no values"}},
		{"99999999999 * * * *", ParseError{Field: 0, Offset: 0, Length: 11, Msg: `number "99999999999" is too large`}},
		// Offsets count from the untrimmed input.
		{"  0 0 ? * 0 ", ParseError{Field: 4, Offset: 10, Length: 1, Msg: "day-of-week 0 is out of range 1-7 (Oozie counts 1 = Sunday)"}},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := Parse(tc.expr)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *ParseError", tc.expr, err)
			}
			want := tc.want
			want.Expr = tc.expr
			if d := cmp.Diff(want, *pe); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.expr, d)
			}
			gist := "must be an integer or a cron syntax"
			if pe.Field < 0 {
				gist = "must have 5 bit fields"
			}
			if !strings.Contains(pe.Error(), gist) || !strings.HasPrefix(pe.Error(), "parameter [frequency] = ["+tc.expr+"]") {
				t.Errorf("Error() = %q, want Oozie's gist %q", pe.Error(), gist)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	for _, expr := range []string{
		"10 9 * * *", "10,30,45 9 * * *", "0 * 30 JAN 2-6", "0/20 9-17 * * 2-5", "1 2 L-3 * *",
		"1 2 6W 3 ?", "1 2 * 3 3#2", "0 10,13 * * MON-FRI", "20,30 * * 10 *", "0 0 L-W * ?",
		"0 0 ? * L-3", "*X * * * *", "0 0 1,,15 * ?", "0 0 ? * FRI#+2", "*/+5 * * * *",
		"0/20 8-18 * * 2-6 ", "0 0 5-0 * ?",
	} {
		if _, err := Parse(expr); err != nil {
			t.Errorf("Parse(%q) = %v, want ok", expr, err)
		}
	}
}

func TestParseKeepsText(t *testing.T) {
	e := MustParse(" 0/20 8-18 ? * 2-6\n")
	if got := e.String(); got != "0/20 8-18 ? * 2-6" {
		t.Errorf("String() = %q", got)
	}
	if d := cmp.Diff([5]string{"0/20", "8-18", "?", "*", "2-6"}, e.Fields()); d != "" {
		t.Errorf("Fields() (-want +got):\n%s", d)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		expr string
		want []string // "offset:length:message"
	}{
		{"10 9 * * *", nil},
		{"5X * * * *", []string{`0:1:1:Quartz ignores "X" after "5" in the minute field`}},
		{"0 0 1 JANUARY ?", []string{`3:9:4:Quartz ignores "UARY" after "JAN" in the month field`}},
		{"*/0 * * * *", []string{"0:2:1:Quartz reads increment 0 as 1: every minute"}},
		{"0 0 1,15W * ?", []string{"2:4:5:with 'W', 'L' or '#' Quartz uses only the smallest value, 1; the other 1 values are ignored"}},
		{"0 0 30W * ?", []string{"2:4:3:'30W' overflows into the next month in shorter months, where Quartz skips or shifts fires"}},
	}
	for _, tc := range tests {
		var got []string
		for _, w := range MustParse(tc.expr).Warnings() {
			got = append(got, strings.Join([]string{itoa(w.Field), itoa(w.Offset), itoa(w.Length), w.Msg}, ":"))
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("Warnings(%q) (-want +got):\n%s", tc.expr, d)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
