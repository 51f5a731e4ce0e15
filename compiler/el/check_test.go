package el

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/diag"
)

func TestCheck(t *testing.T) {
	type finding struct {
		Code    diag.Code
		Summary string
		At      rng
		Fix     string
	}
	tests := []struct {
		group, in string
		want      []finding
	}{
		{"coord-action-create", "${coord:current(-1)}", nil},
		{"coord-action-create", "${coord:currnet(-1)}", []finding{{CodeUnknownFunc, "Unknown EL function coord:currnet", rng{3, 16}, "coord:current"}}},
		{"coord-action-create", "${foo:bar()}", []finding{{CodeUnknownFunc, "Unknown EL function foo:bar", rng{3, 10}, ""}}},
		{"coord-action-create", "${coord:current('a')}", []finding{{CodeArgs, `Argument n of coord:current must be an integer, not "a"`, rng{17, 20}, ""}}},
		{"coord-action-create", "${coord:current('-2')}", nil},
		{"coord-action-create", "${coord:current(true)}", []finding{{CodeArgs, "Argument n of coord:current must be an integer, not a boolean", rng{17, 21}, ""}}},
		{"coord-action-create", "${coord:offset(1, 'DAYZ')}", []finding{{CodeArgs, `Argument unit of coord:offset must be a time unit, not "DAYZ"`, rng{19, 25}, "'DAY'"}}},
		{"coord-action-create", "${coord:offset(1, 'day')}", []finding{{CodeArgs, `Argument unit of coord:offset must be a time unit, not "day"`, rng{19, 24}, "'DAY'"}}},
		{"coord-action-create", "${coord:offset(1, 'NONE')}", []finding{{CodeArgs, `Argument unit of coord:offset must be a time unit, not "NONE"`, rng{19, 25}, ""}}},
		{"coord-action-create", "${coord:offset(1, 'WEEK')}", nil},
		// Calendar.add returns before it looks at the field when the amount
		// is 0, so Oozie (OpenJDK 17) returns ts for NONE with 0.
		{"coord-action-start", "${coord:dateOffset('2016-02-29T10:00Z', 0, 'NONE')}", nil},
		{"coord-action-start", "${coord:dateOffset('2016-02-29T10:00Z', 1, 'NONE')}", []finding{{CodeArgs, `Argument unit of coord:dateOffset must be a time unit, not "NONE"`, rng{44, 50}, ""}}},
		{"coord-action-create", "${coord:current(1, 2)}", []finding{{CodeArgs, "Wrong number of arguments for coord:current", rng{20, 21}, ""}}},
		{"coord-action-create", "${coord:tzOffset(1)}", []finding{{CodeArgs, "Wrong number of arguments for coord:tzOffset", rng{18, 19}, ""}}},
		{"coord-action-create", "${coord:current()}", []finding{{CodeArgs, "Wrong number of arguments for coord:current", rng{3, 18}, ""}}},
		{"coord-action-create", "${coord:current(coord:current(0))}", []finding{{CodeArgs, "Argument n of coord:current must be an integer, not a datetime (yyyy-MM-ddTHH:mmZ)", rng{17, 33}, ""}}},
		{"coord-action-create", "${coord:current(coord:hoursInDay(0) - 24)}", nil},
		{"coord-action-create", "${coord:current(0) + 1}", []finding{{CodeArgs, "coord:current returns a datetime, not a number", rng{3, 19}, ""}}},
		{"coord-action-create", "${coord:dateOffset(coord:current(0), 1, 'DAY')}", []finding{{CodeNotAllowed, "Function coord:dateOffset is not allowed in an <instance> element", rng{3, 19}, ""}}},
		{"coord-action-create-inst", "${coord:dateOffset(coord:current(0), 1, 'DAY')}", nil},
		{"coord-action-start", "${coord:dateOffset('2009-01-01', 1, 'DAY')}", []finding{{CodeArgs, `Argument ts of coord:dateOffset must be a datetime (yyyy-MM-ddTHH:mmZ), not "2009-01-01"`, rng{20, 32}, ""}}},
		{"coord-sla-submit", "${coord:dataIn('x')} ${coord:current(0)}", []finding{
			{CodeNotAllowed, "Function coord:dataIn is not allowed in an SLA definition at submission", rng{3, 15}, ""},
			{CodeNotAllowed, "Function coord:current is not allowed in an SLA definition at submission", rng{24, 37}, ""},
		}},
		{"", "${coord:dataIn('x')} ${hadoop:conf('nn:8020', 'a')}", nil},
		{"coord-job-submit-freq", "${coord:days(1) + 7} ${(x ? coord:days(1) : 2) * 3} ${-coord:current(0)}", []finding{
			{CodeArgs, "coord:current returns a datetime, not a number", rng{56, 72}, ""},
			{CodeNotAllowed, "Function coord:current is not allowed in a frequency", rng{56, 69}, ""},
		}},
	}
	for _, tt := range tests {
		tmpl, diags := ParseTemplate(plain(tt.in))
		if diags.HasErrors() {
			t.Fatalf("parse %q: %s", tt.in, diags.Error())
		}
		var got []finding
		for _, d := range Check(tmpl, tt.group) {
			f := finding{diag.CodeOf(d), d.Summary, cols(*d.Subject), ""}
			if e, ok := d.Extra.(*diag.Extra); ok && len(e.Fixes) == 1 {
				f.Fix = e.Fixes[0].Text
				if e.Fixes[0].Range != *d.Subject {
					t.Errorf("%s: fix range %v differs from subject %v", tt.in, e.Fixes[0].Range, *d.Subject)
				}
			}
			if d.Detail == "" {
				t.Errorf("%s: %q has no detail", tt.in, d.Summary)
			}
			got = append(got, f)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Check(%q, %q) (-want +got):\n%s", tt.in, tt.group, diff)
		}
	}
}
