package compiler

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSubstituteVars(t *testing.T) {
	tests := map[string]struct {
		params map[string]string
		key    string
		want   string
		err    bool
	}{
		"plain":               {map[string]string{"a": "x"}, "a", "x", false},
		"one reference":       {map[string]string{"nn": "hdfs://nn:8020", "p": "${nn}/data"}, "p", "hdfs://nn:8020/data", false},
		"chained":             {map[string]string{"a": "${b}/a", "b": "${c}/b", "c": "c"}, "a", "c/b/a", false},
		"unbound stops":       {map[string]string{"p": "${nope}/${nn}", "nn": "x"}, "p", "${nope}/${nn}", false},
		"bound then unbound":  {map[string]string{"p": "${nn}/${nope}/${nn}", "nn": "x"}, "p", "x/${nope}/${nn}", false},
		"EL is left alone":    {map[string]string{"p": "${coord:days(1)}"}, "p", "${coord:days(1)}", false},
		"space is not a name": {map[string]string{"p": "${a b}", "a b": "x"}, "p", "${a b}", false},
		"self reference":      {map[string]string{"p": "${p}x"}, "p", "", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			errs := substituteVars(tc.params)
			got := tc.params
			if (len(errs) > 0) != tc.err {
				t.Fatalf("errors = %v, want error %v", errs, tc.err)
			}
			if tc.err {
				return
			}
			if diff := cmp.Diff(tc.want, got[tc.key]); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFindVarMatchesRegexp compares findVar with the pattern it implements.
func TestFindVarMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\$\{[^\}\$ ]+\}`)
	for _, s := range []string{"", "${", "${}", "${a}", "x${a b}${c}", "$${a}", "${a$b}${c}", "${${a}}", "${ a}", "a${é\xff}b", "${a", "}${a}{", "${a\t}"} {
		loc := re.FindStringIndex(s)
		start, end, ok := findVar(s)
		if ok != (loc != nil) || ok && (start != loc[0] || end != loc[1]) {
			t.Errorf("findVar(%q) = %d, %d, %v; the regexp gives %v", s, start, end, ok, loc)
		}
	}
}
