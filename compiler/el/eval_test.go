package el

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// vars is a Vars function over a map.
func vars(m map[string]Value) func(string) (Value, bool) {
	return func(name string) (Value, bool) { v, ok := m[name]; return v, ok }
}

// evalText parses and evaluates a template; errors come back as "CODE: summary".
func evalText(t *testing.T, text string, env *Env) string {
	t.Helper()
	tmpl, diags := ParseTemplate(plain(text))
	if diags.HasErrors() {
		t.Fatalf("parse %q: %s", text, diags.Error())
	}
	s, known, diags := EvalTemplate(tmpl, env)
	switch {
	case diags.HasErrors():
		return string(diag.CodeOf(diags[0])) + ": " + diags[0].Summary
	case !known:
		return "<unknown>"
	}
	return s
}

func TestEvalOperators(t *testing.T) {
	env := &Env{Vars: vars(map[string]Value{"s": "7", "f": "1.5", "e": "", "n": nil, "word": "abc", "t": true, "big": int64(math.MaxInt64)})}
	tests := []struct{ in, want string }{
		{"${60/2}", "30.0"},
		{"${60 div 7}", "8.571428571428571"},
		{"${1/0}", "Infinity"},
		{"${-1/0}", "-Infinity"},
		{"${0/0}", "NaN"},
		{"${10000000 / 1}", "1.0E7"},
		{"${1 / 10000}", "1.0E-4"},
		{"${1 + 2 * 3}", "7"},
		{"${'1' + 2}", "3"},
		{"${s * 2}", "14"},
		{"${f + 1}", "2.5"},
		{"${'1e1' + 1}", "11.0"},
		{"${1.5 + 1}", "2.5"},
		{"${n + n}", "0"},
		{"${n + 1}", "1"},
		{"${e + 1}", "1"},
		{"${7 % 3}", "1"},
		{"${-7 mod 3}", "-1"},
		{"${7.5 % 2}", "1.5"},
		{"${7 % 0}", "EL006: Cannot evaluate EL expression: division by zero"},
		{"${7.0 % 0}", "NaN"},
		{"${big + 1}", "-9223372036854775808"},
		{"${-s}", "-7"},
		{"${-f}", "-1.5"},
		{"${-n}", "0"},
		{"${word + 1}", `EL006: Cannot evaluate EL expression: cannot convert "abc" to an integer`},
		{"${t + 1}", "EL006: Cannot evaluate EL expression: cannot convert true to an integer"},
		{"${1 < 2} ${2 lt 1} ${2 <= 2} ${'10' < 9} ${'b' > 'a'} ${1.5 >= 1}", "true false true false true true"},
		{"${'abc' < 1}", `EL006: Cannot evaluate EL expression: cannot convert "abc" to an integer`},
		{"${n < 1} ${n <= n} ${false < true}", "false true true"},
		{"${1 == 1.0} ${'1' == 1} ${'a' == 'a'} ${true == 'true'} ${'x' == true} ${n == n} ${n == 0} ${1 != 2}", "true true true true false true false true"},
		{"${true && 'TRUE'} ${false || n} ${t and not t} ${!e}", "true false false true"},
		{"${1 && true}", "EL006: Cannot evaluate EL expression: cannot convert 1 to a boolean"},
		{"${false && undefined} ${true || undefined}", "false true"},
		{"${empty n} ${empty e} ${empty word} ${empty 0}", "true true false false"},
		{"${t ? 'y' : 'n'} ${e ? 'y' : 'n'}", "y n"},
		{"${n.x} ${n[1]}", " "},
		{"${word.length}", `EL006: Cannot read property "length" of the value "abc"`},
		{"${a.b}", "EL005: variable [a] cannot be resolved"},
		{"${undefined}", "EL005: variable [undefined] cannot be resolved"},
		{"${1e3} ${1.0E20} ${0.001} ${123456.789} ${-0.0}", "1000.0 1.0E20 0.001 123456.789 -0.0"},
		{"${null}${true}", "true"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, evalText(t, tt.in, env)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestEvalUnknown(t *testing.T) {
	env := &Env{Group: "coord-job-submit-instances", UnknownVars: true, Vars: vars(map[string]Value{"k": int64(1)})}
	for _, in := range []string{"${x + 1}", "${-x}", "${coord:current(x)}", "${x ? 1 : 2}", "a${x}b", "${x && true}", "${x.y}"} {
		got := evalText(t, in, env)
		want := "<unknown>"
		if in == "${x.y}" {
			want = "EL005: variable [x] cannot be resolved"
		}
		if got != want {
			t.Errorf("%s = %q, want %q", in, got, want)
		}
	}
	// Unknown real functions become Unknown too.
	if got := evalText(t, "${coord:user()}", env); got != "<unknown>" {
		t.Errorf("coord:user() = %q", got)
	}
}

func TestEvalMemberDetail(t *testing.T) {
	e, _ := ParseExpr(plain("a.b"))
	_, diags := Eval(e, &Env{})
	if len(diags) != 1 || diags[0].Subject.End.Column != 2 {
		t.Fatalf("got %v", diags)
	}
	if want := "coord:conf('a.b')"; !strings.Contains(diags[0].Detail, want) {
		t.Errorf("detail %q does not mention %s", diags[0].Detail, want)
	}
}

func TestEvalEchoAndDummy(t *testing.T) {
	vs := vars(map[string]Value{"date": "2009-09-08T23:59Z", "n": "-2"})
	tests := []struct{ group, in, want string }{
		{"coord-job-submit-instances", "${coord:current(-1)}", "${coord:current(-1)}"},
		{"coord-job-submit-instances", "${coord:current(n)}", "${coord:current(-2)}"},
		{"coord-job-submit-instances", "${coord:future(1, 10)}", "${coord:future(1, 10)}"},
		{"coord-job-submit-instances", "${coord:offset(-1, 'DAY')}", "${coord:offset(-1 , DAY)}"},
		{"coord-job-submit-instances", "${coord:currentRange(-3, 0)}", "${coord:currentRange(-3, 0)}"},
		{"coord-job-submit-instances", "${coord:futureRange(0, 2, 10)}", "${coord:futureRange(0, 2, 10)}"},
		{"coord-job-submit-instances", "${coord:absolute('2009-01-01T00:00Z')}", "${coord:absolute(2009-01-01T00:00Z)}"},
		{"coord-job-submit-instances", "${coord:formatTime(date, \"yyyy\")}", "${coord:formatTime('2009-09-08T23:59Z' , yyyy)}"},
		{"coord-job-submit-instances", "${coord:dateOffset(date, 1, 'DAY')}", "${coord:dateOffset(2009-09-08T23:59Z , 1 , DAY)}"},
		{"coord-job-submit-instances", "${coord:hoursInDay(0) + 3}", "27"},
		{"coord-job-submit-instances", "${coord:daysInMonth(0)}/${coord:tzOffset()}", "30/3"},
		{"coord-job-submit-instances", "/data/${coord:current(0)}/x", "${/data/coord:current(0)/x}"},
		{"coord-job-submit-instances", "${coord:current(0) + 1}", `EL006: Cannot evaluate EL expression: cannot convert "coord:current(0)" to a number`},
		{"coord-job-submit-data", "${coord:dataIn('in')}", "${coord:dataIn('in')}"},
		{"coord-job-submit-data", "${coord:dataInPartitionFilter('in', 'hive')}", "${coord:dataInPartitionFilter('in', 'hive')}"},
		{"coord-job-submit-data", "${coord:nominalTime()}", "${coord:nominalTime()}"},
		{"coord-job-submit-data", "${coord:dateTzOffset(date, 'UTC')}", "${coord:dateTzOffset(2009-09-08T23:59Z , UTC)}"},
		{"coord-sla-submit", "${coord:nominalTime()}", "2009-03-06T010:00"},
		{"coord-sla-submit", "${10 * MINUTES} ${2 * HOURS} ${DAYS}", "10 120 1440"},
		{"coord-job-submit-nofuncs", "/d/${YEAR}/${MONTH}/${DAY}/${HOUR}/${MINUTE}", "/d/${YEAR}/${MONTH}/${DAY}/${HOUR}/${MINUTE}"},
		{"coord-job-submit-freq", "${YEAR}", "EL005: variable [YEAR] cannot be resolved"},
		{"coord-job-submit-freq", "${coord:hoursInDay(1)}", "EL004: Function coord:hoursInDay is not allowed in a frequency"},
		{"coord-job-submit-data", "${coord:current(0)}", "EL004: Function coord:current is not allowed in the action configuration at submission"},
		{"coord-job-submit-freq", "${coord:dayz(1)}", "EL002: Unknown EL function coord:dayz"},
		{"coord-job-submit-instances", "${coord:current(1, 2)}", "EL003: Wrong number of arguments for coord:current"},
		{"coord-action-start", "${coord:nominalTime()}", "EL007: Function coord:nominalTime cannot be evaluated here"},
		{"coord-action-start", "${coord:dateOffset('2009-01-31T10:00Z', 1, 'MONTH')}", "2009-02-28T10:00Z"},
		{"coord-action-start", "${coord:dateOffset('2008-02-29T10:00Z', -1, 'YEAR')}", "2007-02-28T10:00Z"},
		{"coord-action-start", "${coord:dateOffset('2009-01-01T00:00Z', -90, 'MINUTE')}", "2008-12-31T22:30Z"},
		{"coord-action-start", "${coord:dateOffset('2009-01-01T00:00Z', 2, 'WEEK')}", "2009-01-15T00:00Z"},
		{"coord-action-start", "${coord:dateOffset('2009-01-01T00:00Z', 2, 'CRON')}", "2009-01-01T00:00Z"},
		// Expectations of OpenJDK 17 (testdata/oracle/Oracle.java): CRON is
		// Calendar.ERA, NONE with 0 returns ts, dates before 1582-10-15 are
		// Julian.
		{"coord-action-start", "${coord:dateOffset('2016-02-29T10:00Z', -1, 'CRON')}", "2016-03-01T10:00Z"},
		{"coord-action-start", "${coord:dateOffset('2016-02-28T10:00Z', -1, 'CRON')}", "2016-02-28T10:00Z"},
		{"coord-action-start", "${coord:dateOffset('2016-02-29T10:00Z', 0, 'NONE')}", "2016-02-29T10:00Z"},
		{"coord-action-start", "${coord:dateOffset('1582-10-04T00:00Z', 1, 'DAY')}", "1582-10-15T00:00Z"},
		{"coord-action-start", "${coord:epochTime('1500-01-01T00:00Z', 'false')}", "-14830992000"},
		{"coord-action-start", "${coord:formatTime('1500-01-01T00:00Z', 'EEE')}", "Wed"},
		{"coord-action-start", "${coord:dateOffset('2009-01-01T00:00Z', 2, 'NONE')}", `EL006: Error in coord:dateOffset: unit "NONE" is not a time unit with a calendar field (use one of MINUTE, HOUR, DAY, WEEK, MONTH, YEAR)`},
		{"coord-action-start", "${coord:dateOffset('2009-01-01T00:00Z', 'x', 'DAY')}", `EL003: Invalid argument n of coord:dateOffset: cannot convert "x" to a 32-bit integer`},
		{"coord-action-start", "${coord:epochTime('2009-09-08T23:59Z', 'TRUE')} ${coord:epochTime('2009-09-08T23:59Z', 'no')}", "1252454340000 1252454340"},
		{"", "${coord:dateOffset('2009-01-01T00:00Z', 1, 'DAY')}", "2009-01-02T00:00Z"},
	}
	for _, tt := range tests {
		got := evalText(t, tt.in, &Env{Group: tt.group, Vars: vs})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s in %s (-want +got):\n%s", tt.in, tt.group, diff)
		}
	}
}

func TestEvalFuncs(t *testing.T) {
	var calls []string
	env := &Env{Group: "coord-job-submit-freq", Funcs: map[string]Func{
		"coord:months": func(c *ir.Call, args []Value) (Value, error) {
			calls = append(calls, fmt.Sprint(args...))
			n := args[0].(int64)
			if n <= 0 {
				return nil, errors.New("parameter [n] = [0] must be greater than zero")
			}
			return n, nil
		},
	}}
	if got := evalText(t, "${coord:months(1) + 7}", env); got != "8" {
		t.Errorf("months(1)+7 = %q", got)
	}
	if got := evalText(t, "${coord:months('3')}", env); got != "3" {
		t.Errorf("months('3') = %q", got)
	}
	if got := evalText(t, "${coord:months(2.9)}", env); got != "2" {
		t.Errorf("months(2.9) = %q", got)
	}
	got := evalText(t, "${coord:months(0)}", env)
	if want := "EL006: Error in coord:months: parameter [n] = [0] must be greater than zero"; got != want {
		t.Errorf("months(0) = %q, want %q", got, want)
	}
	if diff := cmp.Diff([]string{"1", "3", "2", "0"}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestEvalBareExpr(t *testing.T) {
	e, _ := ParseExpr(plain("coord:current(-1)"))
	v, diags := Eval(e, &Env{Group: "coord-job-submit-instances"})
	if diags.HasErrors() || v != "${coord:current(-1)}" {
		t.Errorf("Eval = %v, %v", v, diags)
	}
	e, _ = ParseExpr(plain("1 + 2"))
	if v, _ := Eval(e, nil); v != int64(3) {
		t.Errorf("Eval(1 + 2) = %#v", v)
	}
}

func TestConversions(t *testing.T) {
	strs := map[Value]string{nil: "", "x": "x", int64(-5): "-5", 30.0: "30.0", 1e7: "1.0E7", 1e-4: "1.0E-4",
		math.NaN(): "NaN", math.Inf(1): "Infinity", 12345678.9: "1.23456789E7", 0.5: "0.5", true: "true", false: "false"}
	for v, want := range strs {
		if got := ToString(v); got != want {
			t.Errorf("ToString(%#v) = %q, want %q", v, got, want)
		}
	}
	ints := []struct {
		v    Value
		want int64
		ok   bool
	}{{nil, 0, true}, {"", 0, true}, {"+12", 12, true}, {"1.5", 0, false}, {" 1", 0, false}, {2.9, 2, true},
		{-2.9, -2, true}, {1e300, math.MaxInt64, true}, {math.NaN(), 0, true}, {true, 0, false}, {"9223372036854775808", 0, false}}
	for _, tt := range ints {
		got, err := ToInt(tt.v)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ToInt(%#v) = %d, %v", tt.v, got, err)
		}
	}
	floats := []struct {
		v    Value
		want float64
		ok   bool
	}{{" 1.5 ", 1.5, true}, {"2f", 2, true}, {"-Infinity", math.Inf(-1), true}, {"1e", 0, false}, {".", 0, false},
		{"inf", 0, false}, {"0x10", 0, false}, {int64(3), 3, true}, {false, 0, false}}
	for _, tt := range floats {
		got, err := ToFloat(tt.v)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ToFloat(%#v) = %v, %v", tt.v, got, err)
		}
	}
	bools := []struct {
		v        Value
		want, ok bool
	}{{"TRUE", true, true}, {"yes", false, true}, {nil, false, true}, {int64(1), false, false}}
	for _, tt := range bools {
		got, err := ToBool(tt.v)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ToBool(%#v) = %v, %v", tt.v, got, err)
		}
	}
	if n, _ := toJavaInt(int64(1) << 32); n != 0 {
		t.Errorf("toJavaInt(2^32) = %d, want 0 (Java int narrowing)", n)
	}
}
