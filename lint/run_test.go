package lint

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/google/go-cmp/cmp"
)

func TestRunFindingsSortedAndTyped(t *testing.T) {
	t.Setenv("TZ", "Pacific/Chatham")
	res, diags, dir := load(t, map[string]string{
		"b.xml": coordXML("1440", ""),
		"a.xml": coordXML("1440", ""),
		"c.xml": coordXML("*/0 * * * *", ""),
	})
	cron := &Analyzer{ID: "CRON001", Name: "cron-misread", Severity: Warning}
	got := briefs(dir, Run(res.Project, res.Sources, diags, []*Analyzer{testZone, testDay, cron}, nil))
	want := []brief{
		{"a.xml", 2, 16, "TEST001", "TEST001", "warning", `Frequency "1440" is a fixed 24 hours`, ""},
		{"a.xml", 3, 15, "TEST002", "TEST002", "info", `Zone "America/Los_Angeles"`, ""},
		{"b.xml", 2, 16, "TEST001", "TEST001", "warning", `Frequency "1440" is a fixed 24 hours`, ""},
		{"b.xml", 3, 15, "TEST002", "TEST002", "info", `Zone "America/Los_Angeles"`, ""},
		{"c.xml", 2, 18, "CRON001", "CRON001", "warning", `Cron field "*/0 * * * *" is read differently than written: Quartz reads increment 0 as 1: every minute`, ""},
		{"c.xml", 3, 15, "TEST002", "TEST002", "info", `Zone "America/Los_Angeles"`, ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

func TestRunIndependentOfOrder(t *testing.T) {
	_, _, dir := load(t, map[string]string{
		"a.xml": coordXML("1440", ""), "b.xml": coordXML("1440", ""), "c.xml": coordXML("${x}", ""),
	})
	paths := []string{dir + "/a.xml", dir + "/b.xml", dir + "/c.xml"}
	var first []brief
	for i, perm := range [][]string{paths, {paths[2], paths[0], paths[1]}, {paths[1], paths[2], paths[0]}} {
		res, diags := compiler.Load(perm, compiler.Options{})
		analyzers := []*Analyzer{testDay, testZone}
		if i == 1 {
			analyzers = []*Analyzer{testZone, testDay}
		}
		got := briefs(dir, Run(res.Project, res.Sources, diags, analyzers, nil))
		if i == 0 {
			first = got
			continue
		}
		if d := cmp.Diff(first, got); d != "" {
			t.Errorf("order %v changes the result (-first +got):\n%s", perm, d)
		}
	}
}

func TestRunConfig(t *testing.T) {
	res, diags, dir := load(t, map[string]string{"a.xml": coordXML("1440", "")})
	off, errSev := false, Error
	tests := map[string]struct {
		rules map[string]RuleConfig
		want  []string // "rule severity"
	}{
		"defaults":            {nil, []string{"TEST001 warning", "TEST002 info"}},
		"disable by ID":       {map[string]RuleConfig{"TEST002": {Enabled: &off}}, []string{"TEST001 warning"}},
		"disable by name":     {map[string]RuleConfig{"test-day": {Enabled: &off}}, []string{"TEST002 info"}},
		"severity by name":    {map[string]RuleConfig{"test-zone": {Severity: &errSev}}, []string{"TEST001 warning", "TEST002 error"}},
		"severity of unknown": {map[string]RuleConfig{"NOPE001": {Severity: &errSev}}, []string{"TEST001 warning", "TEST002 info"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, b := range briefs(dir, Run(res.Project, res.Sources, diags, []*Analyzer{testDay, testZone}, &Config{Rules: tc.rules})) {
				got = append(got, b.Rule+" "+b.Severity)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestRunLoadDiagnostics(t *testing.T) {
	res, diags, dir := load(t, map[string]string{
		"a.xml":   coordXML("*/0 * * * *", ""),
		"bad.xml": coordXML("1440", "  <controls><timeout>x</timeout></controls>\n"),
		"u.xml":   coordXML("${undefinedFreq}", ""),
	})
	cronRule := &Analyzer{ID: "CRON001", Name: "cron-misread", Severity: Warning}
	reReport := &Analyzer{ID: "CRON001", Name: "cron-misread", Severity: Info, Run: func(p *Pass) {
		for _, d := range p.Compile {
			if d.Extra != nil && strings.Contains(d.Summary, "Cron field") {
				p.Reportf(*d.Subject, "Reworded detail.", "Cron step 0 means 1")
			}
		}
	}}
	off := false
	type row struct{ File, Rule, Code, Severity, Word string }
	tests := map[string]struct {
		analyzers []*Analyzer
		cfg       *Config
		want      []row // Word is the summary's first word
	}{
		"no owning rule: tool diagnostics": {nil, nil, []row{
			{"a.xml", "", "CRON001", "warning", "Cron"}, {"bad.xml", "", "E1003", "error", "Timeout"}, {"u.xml", "", "", "info", "Parameter"}}},
		"owned by a rule": {[]*Analyzer{cronRule}, nil, []row{
			{"a.xml", "CRON001", "CRON001", "warning", "Cron"}, {"bad.xml", "", "E1003", "error", "Timeout"}, {"u.xml", "", "", "info", "Parameter"}}},
		"rule re-reports: one finding, the rule's": {[]*Analyzer{reReport}, nil, []row{
			{"a.xml", "CRON001", "CRON001", "info", "Cron step"}, {"bad.xml", "", "E1003", "error", "Timeout"}, {"u.xml", "", "", "info", "Parameter"}}},
		"owning rule disabled": {[]*Analyzer{cronRule}, &Config{Rules: map[string]RuleConfig{"CRON001": {Enabled: &off}}}, []row{
			{"bad.xml", "", "E1003", "error", "Timeout"}, {"u.xml", "", "", "info", "Parameter"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got []row
			for _, b := range briefs(dir, Run(res.Project, res.Sources, diags, tc.analyzers, tc.cfg)) {
				word := strings.Fields(b.Summary)[0]
				if b.Summary == "Cron step 0 means 1" {
					word = "Cron step"
				}
				got = append(got, row{b.File, b.Rule, b.Code, b.Severity, word})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestRunRecoversFromPanickingRule(t *testing.T) {
	res, diags, _ := load(t, map[string]string{"a.xml": coordXML("1440", "")})
	fs := Run(res.Project, res.Sources, diags, []*Analyzer{testPanic, testDay}, nil)
	var internal, day int
	for _, f := range fs {
		if f.Internal {
			internal++
			if f.RuleID != "TEST003" || !f.Fails(FailNever) || !strings.Contains(f.Diag.Detail, "boom") {
				t.Errorf("internal finding = %+v", f)
			}
		}
		if f.RuleID == "TEST001" {
			day++
		}
	}
	if internal != 1 || day != 1 {
		t.Errorf("got %d internal and %d TEST001 findings, want 1 and 1", internal, day)
	}
}

func TestFailLevels(t *testing.T) {
	tests := map[string]struct {
		sev        Severity
		suppressed bool
		level      string
		want       bool
	}{
		"warning fails at warning": {Warning, false, "warning", true},
		"info passes at warning":   {Info, false, "warning", false},
		"info fails at info":       {Info, false, "info", true},
		"warning passes at error":  {Warning, false, "error", false},
		"error passes at never":    {Error, false, "never", false},
		"suppressed error passes":  {Error, true, "error", false},
		"error fails at error":     {Error, false, "error", true},
	}
	for name, tc := range tests {
		level, ok := ParseFailLevel(tc.level)
		if !ok {
			t.Fatalf("%s: ParseFailLevel(%q) failed", name, tc.level)
		}
		f := Finding{Severity: tc.sev, Suppressed: tc.suppressed}
		if got := f.Fails(level); got != tc.want {
			t.Errorf("%s: Fails = %v, want %v", name, got, tc.want)
		}
	}
	if _, ok := ParseFailLevel("fatal"); ok {
		t.Error(`ParseFailLevel("fatal") succeeded`)
	}
}
