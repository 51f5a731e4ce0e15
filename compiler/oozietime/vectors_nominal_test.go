package oozietime

import (
	"encoding/json"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// freqFunctions maps coord frequency functions to the Calendar field they
// step by and the end-of-duration flag they set (SEMANTICS §3.1).
var freqFunctions = map[string]struct {
	field Field
	end   EndOf
}{
	"minutes": {Minute, 0}, "days": {Day, 0}, "months": {Month, 0},
	"endOfDays": {Day, EndOfDay}, "endOfWeeks": {Week, EndOfWeek}, "endOfMonths": {Month, EndOfMonth},
}

var (
	freqCall   = regexp.MustCompile(`^\$\{coord:(\w+)\((\d+)\)\}$`)
	endOfFlags = map[string]EndOf{"NONE": 0, "END_OF_DAY": EndOfDay, "END_OF_WEEK": EndOfWeek, "END_OF_MONTH": EndOfMonth}
	unitFields = map[string]Field{"MINUTE": Minute, "HOUR": Hour, "DAY": Day, "WEEK": Week, "MONTH": Month,
		"YEAR": Year, "END_OF_DAY": Day, "END_OF_WEEK": Week, "END_OF_MONTH": Month}
)

// unsureDecisions records coordc's answer where a vector is marked unsure.
var unsureDecisions = map[string]string{
	// The spec prints 08:00Z, but DateUtils.moveToEnd sets 00:00 local, so
	// Oozie's code (which coordc follows) gives midnight of the Sunday.
	"doc-first-33": "2017-01-08T00:00Z",
}

// frequency returns the step count, field and end-of flag of a vector's
// frequency, given as an integer or a coord:xxx(n) call.
func frequency(v vector) (int, Field, EndOf, bool) {
	in := v.Input
	if m := freqCall.FindStringSubmatch(str(in, "frequency")); m != nil {
		f, ok := freqFunctions[m[1]]
		n, _ := strconv.Atoi(m[2])
		return n, f.field, f.end, ok
	}
	n, err := strconv.Atoi(str(in, "frequency"))
	field, ok := unitFields[str(in, "timeunit")]
	return n, field, endOfFlags[str(in, "end_of_duration")], err == nil && ok
}

// TestVectorsNominalTimes materializes the non-cron nominal-times vectors
// with Oozie's loop (SEMANTICS §5.2): origStart = moveToEnd(start), then
// origStart + k·freq by one Calendar.add each, while before end and pause.
func TestVectorsNominalTimes(t *testing.T) {
	oddHost(t)
	ran := 0
	for _, v := range loadVectors(t) {
		if v.Kind != "nominal-times" || str(v.Input, "timeunit") == "CRON" {
			continue
		}
		start, errS := ParseDateTime(str(v.Input, "start"))
		n, field, endOf, ok := frequency(v)
		if errS != nil || !ok {
			continue // relative ("now") times or cron: not calendar vectors
		}
		loc := mustZone(t, str(v.Input, "timezone"))
		var exp struct {
			First       string   `json:"first_nominal_time"`
			Nominal     []string `json:"nominal_times"`
			ActionCount *int     `json:"action_count"`
			NextNominal *string  `json:"next_nominal_time"`
		}
		if err := json.Unmarshal(v.Expected, &exp); err != nil {
			t.Fatal(err)
		}
		var got, want any
		switch v.Subkind {
		case "first-occurrence":
			want, got = exp.First, FormatDateTime(MoveToEnd(start, loc, endOf))
			if d, ok := unsureDecisions[v.ID]; ok && v.Unsure {
				want = d
			}
		case "next-nominal-time":
			num, _ := v.Input["action_number"].(float64)
			next := MoveToEnd(Add(start, loc, field, int(num)*n), loc, endOf)
			want, got = exp.NextNominal, (*string)(nil)
			if !next.After(mustTime(t, str(v.Input, "end"))) {
				s := FormatDateTime(next)
				got = &s
			}
		case "materialization":
			list := materialize(t, v, start, loc, n, field, endOf)
			if exp.Nominal != nil {
				want, got = exp.Nominal, list
			} else if exp.ActionCount != nil {
				want, got = *exp.ActionCount, len(list)
			} else {
				continue
			}
		default:
			continue
		}
		ran++
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %v (-want +got):\n%s", v.ID, v.Input, diff)
		}
	}
	if ran < 20 {
		t.Errorf("only %d nominal-times vectors ran", ran)
	}
	t.Logf("%d nominal-times vectors passed", ran)
}

func materialize(t *testing.T, v vector, start time.Time, loc *time.Location, n int, field Field, endOf EndOf) []string {
	end := mustTime(t, str(v.Input, "end"))
	limit := end
	if p := str(v.Input, "pause_time"); p != "" {
		limit = mustTime(t, p)
	}
	orig := MoveToEnd(start, loc, endOf)
	var out []string
	for k := 0; k < 10000; k++ {
		nt := Add(orig, loc, field, k*n)
		if !nt.Before(end) || !nt.Before(limit) {
			break
		}
		out = append(out, FormatDateTime(nt))
	}
	return out
}
