package rules

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/google/go-cmp/cmp"
)

func TestRenameDays(t *testing.T) {
	tests := []struct {
		field       string
		quartz, unx string
		ok          bool
	}{
		{"2-6", "MON-FRI", "TUE-SAT", true},
		{"1,7", "SUN,SAT", "MON,SUN", true},
		{"3#2", "TUE#2", "WED#2", true},
		{"6L", "FRIL", "SATL", true},
		{"1-7/2", "SUN-SAT/2", "MON-SUN/2", true},
		{"*", "*", "*", true},
		{"0", "", "SUN", false},
		{"8", "", "", false},
		{"99999999999999999999", "", "", false},
	}
	for _, tt := range tests {
		q, ok := renameDays(tt.field, quartzDays[:])
		u, _ := renameDays(tt.field, unixDays[:])
		if ok != tt.ok || q != tt.quartz || (tt.ok && u != tt.unx) {
			t.Errorf("renameDays(%q) = %q, %q, %v; want %q, %q, %v", tt.field, q, u, ok, tt.quartz, tt.unx, tt.ok)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"log", []string{"logs", "report"}, "logs"},
		{"Report", []string{"logs", "report"}, "report"},
		{"queuename", []string{"queueName", "nameNode"}, "queueName"},
		{"clicks", []string{"logs", "report"}, ""},
		{"ab", []string{"ax", "ay"}, ""}, // two equally close
		{"logs", []string{"logs"}, ""},   // the name itself is not a suggestion
		{"x", []string{"y"}, "y"},        // one edit is always allowed
	}
	for _, tt := range tests {
		if got := didYouMean(tt.name, tt.candidates); got != tt.want {
			t.Errorf("didYouMean(%q, %q) = %q, want %q", tt.name, tt.candidates, got, tt.want)
		}
	}
}

func TestTemplateVarsAndNeeded(t *testing.T) {
	vars, ok := templateVars("hdfs://nn/${YEAR}/${ MONTH }/x${DAY}")
	if diff := cmp.Diff(map[string]bool{"YEAR": true, "MONTH": true, "DAY": true}, vars); !ok || diff != "" {
		t.Errorf("templateVars (-want +got):\n%s", diff)
	}
	if _, ok := templateVars("/a/${coord:user()}/${YEAR}"); ok {
		t.Error("templateVars accepted an expression that is not a time variable")
	}
	if _, ok := templateVars("/a/${YEAR"); ok {
		t.Error("templateVars accepted an unclosed ${")
	}
	tests := []struct {
		f    ir.Frequency
		want []string
	}{
		{ir.Frequency{N: 15, Unit: ir.UnitMinute}, []string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE"}},
		{ir.Frequency{N: 60, Unit: ir.UnitMinute}, []string{"YEAR", "MONTH", "DAY", "HOUR"}},
		{ir.Frequency{N: 90, Unit: ir.UnitMinute}, []string{"YEAR", "MONTH", "DAY", "HOUR"}},
		{ir.Frequency{N: 1440, Unit: ir.UnitMinute}, []string{"YEAR", "MONTH", "DAY"}},
		{ir.Frequency{N: 1, Unit: ir.UnitDay}, []string{"YEAR", "MONTH", "DAY"}},
		{ir.Frequency{N: 31, Unit: ir.UnitDay}, []string{"YEAR", "MONTH"}},
		{ir.Frequency{N: 4, Unit: ir.UnitWeek}, []string{"YEAR", "MONTH", "DAY"}},
		{ir.Frequency{N: 1, Unit: ir.UnitMonth}, []string{"YEAR", "MONTH"}},
		{ir.Frequency{N: 12, Unit: ir.UnitMonth}, []string{"YEAR"}},
		{ir.Frequency{N: 366, Unit: ir.UnitDay}, []string{"YEAR"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, neededVars(tt.f)); diff != "" {
			t.Errorf("neededVars(%d %s) (-want +got):\n%s", tt.f.N, tt.f.Unit, diff)
		}
	}
}

func TestURIKey(t *testing.T) {
	tests := []struct{ value, want string }{
		{"hdfs://nn:8020/data/x/${YEAR}/", "/data/x/${YEAR}"},
		{" /data/x ", "/data/x"},
		{"hcat://ms:9083/db/table/dt=${YEAR}", "/db/table/dt=${YEAR}"},
		{"s3a://bucket", ""},
	}
	for _, tt := range tests {
		got, ok := uriKey(&ir.Dataset{URITemplate: &ir.Text{Value: tt.value, Known: true}})
		if !ok || got != tt.want {
			t.Errorf("uriKey(%q) = %q, %v; want %q", tt.value, got, ok, tt.want)
		}
	}
	if _, ok := uriKey(&ir.Dataset{URITemplate: &ir.Text{}}); ok {
		t.Error("uriKey of an unknown template is known")
	}
}

// exampleCoord returns a small complete coordinator, as the rules'
// documentation examples are written: a daily job (or one with attrs) with
// body inserted before the end.
func exampleCoord(attrs, body string) string {
	open := exampleCoordOpen
	if attrs != "" {
		open = exampleCoordStart + attrs + exampleCoordNS
	}
	return open + strings.TrimRight(body, "\n") + exampleCoordClose
}

// exampleAction is an <action> whose workflow configuration holds value.
func exampleAction(value string) string { return exampleActionOpen + value + exampleActionClose }
