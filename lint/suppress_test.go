package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Fixture lines: coordXML puts the frequency (TEST001) on line 2 and the
// timezone (TEST002) on line 3 of the <coordinator-app> start tag.
func TestSuppression(t *testing.T) {
	off := false
	tests := map[string]struct {
		file string
		cfg  *Config
		want []string // "line rule suppressed-kind summary"
	}{
		"trailing directive covers its line": {
			file: strings.Replace(coordXML("1440", ""), `Angeles">`, `Angeles"> <!-- coordc:ignore TEST002 - on purpose -->`, 1),
			want: []string{"2 TEST001 -", "3 TEST002 inSource"},
		},
		"directive above covers the element": {
			file: "<!-- coordc:ignore TEST001, test-zone - legacy job -->\n" + coordXML("1440", ""),
			want: []string{"3 TEST001 inSource", "4 TEST002 inSource"},
		},
		"stacked directives both apply": {
			file: "<!-- coordc:ignore TEST001 - a -->\n<!-- coordc:ignore TEST002 - b -->\n" + coordXML("1440", ""),
			want: []string{"4 TEST001 inSource", "5 TEST002 inSource"},
		},
		"directive above a sibling does not reach the root": {
			file: coordXML("1440", "  <!-- coordc:ignore TEST001 - wrong place -->\n  <controls><timeout>10</timeout></controls>\n"),
			want: []string{"2 TEST001 -", "3 TEST002 -", "4 SUP001 - Suppression of TEST001 matches no finding"},
		},
		"ignore-file at the top": {
			file: "<?xml version=\"1.0\"?>\n<!-- coordc:ignore-file TEST001 - generated -->\n" + coordXML("1440", ""),
			want: []string{"4 TEST001 inSource", "5 TEST002 -"},
		},
		"ignore-file inside the root is misplaced": {
			file: coordXML("1440", "  <!-- coordc:ignore-file TEST001 - too late -->\n"),
			want: []string{"2 TEST001 -", "3 TEST002 -", "4 SUP001 - Directive coordc:ignore-file is not at the top of the file"},
		},
		"no reason: applies, but SUP001": {
			file: "<!-- coordc:ignore TEST001 -->\n" + coordXML("1440", ""),
			want: []string{"1 SUP001 - Suppression of TEST001 gives no reason", "3 TEST001 inSource", "4 TEST002 -"},
		},
		"no reason allowed by config": {
			file: "<!-- coordc:ignore TEST001 -->\n" + coordXML("1440", ""),
			cfg:  &Config{AllowNoReason: true},
			want: []string{"3 TEST001 inSource", "4 TEST002 -"},
		},
		"no rule": {
			file: "<!-- coordc:ignore - why -->\n" + coordXML("1440", ""),
			want: []string{"1 SUP001 - Suppression names no rule", "3 TEST001 -", "4 TEST002 -"},
		},
		"unknown rule with suggestion": {
			file: "<!-- coordc:ignore TEST01 - why -->\n" + coordXML("1440", ""),
			want: []string{"1 SUP001 - Suppression names unknown rule \"TEST01\"", "3 TEST001 -", "4 TEST002 -"},
		},
		"one of two unused": {
			file: "<!-- coordc:ignore TEST001 TEST002 - why -->\n" + coordXML("60", ""),
			want: []string{"1 SUP001 - Suppression of TEST001 matches no finding", "4 TEST002 inSource"},
		},
		"unused rule that is disabled is not reported": {
			file: "<!-- coordc:ignore TEST001 - why -->\n" + coordXML("60", ""),
			cfg:  &Config{Rules: map[string]RuleConfig{"TEST001": {Enabled: &off}}},
			want: []string{"4 TEST002 -"},
		},
		"SUP001 disabled: directives still apply": {
			file: "<!-- coordc:ignore TEST001 -->\n<!-- coordc:ignore NOPE001 - x -->\n" + coordXML("1440", ""),
			cfg:  &Config{Rules: map[string]RuleConfig{"SUP001": {Enabled: &off}}},
			want: []string{"4 TEST001 inSource", "5 TEST002 -"},
		},
		"SUP001 cannot be named": {
			file: "<!-- coordc:ignore SUP001 - x -->\n" + coordXML("60", ""),
			want: []string{"1 SUP001 - Suppression names SUP001", "4 TEST002 -"},
		},
		"load errors are never suppressed": {
			file: "<!-- coordc:ignore-file TEST001 E1003 - x -->\n" + coordXML("1440", "  <controls><timeout>x</timeout></controls>\n"),
			want: []string{"1 SUP001 - Suppression names unknown rule \"E1003\"", "3 TEST001 inSource", "4 TEST002 -", "5 E1003 -"},
		},
		"comment-like text in CDATA is not a directive": {
			file: strings.Replace(coordXML("1440", ""), "hdfs://x/y", "<![CDATA[hdfs://x/y<!-- coordc:ignore-file TEST001 - no -->]]>", 1),
			want: []string{"2 TEST001 -", "3 TEST002 -"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			res, diags, dir := load(t, map[string]string{"a.xml": tc.file})
			var got []string
			for _, b := range briefs(dir, Run(res.Project, res.Sources, diags, []*Analyzer{testDay, testZone, testSup}, tc.cfg)) {
				code := b.Rule
				if code == "" {
					code = b.Code
				}
				s := strings.Join([]string{itoa(b.Line), code, or(b.Suppressed, "-")}, " ")
				if code == "SUP001" {
					s += " " + b.Summary
				}
				got = append(got, s)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestSuppressionDetails(t *testing.T) {
	file := "<!-- coordc:ignore TEST01 - x -->\n<!-- coordc:ignore TEST002 - gone -->\n" + coordXML("1440", "") + "<!-- tail -->\n"
	res, diags, _ := load(t, map[string]string{"a.xml": file})
	fs := Run(res.Project, res.Sources, diags, []*Analyzer{testDay, testZone, testSup}, nil)
	var sup []Finding
	for _, f := range fs {
		if f.RuleID == "SUP001" {
			sup = append(sup, f)
		}
		if f.RuleID == "TEST002" && (f.Suppression == nil || f.Suppression.Reason != "gone" || f.Suppression.Range.Start.Line != 2) {
			t.Errorf("TEST002 suppression = %+v", f.Suppression)
		}
	}
	if len(sup) != 1 {
		t.Fatalf("got %d SUP001 findings, want 1", len(sup))
	}
	d := sup[0].Diag
	if r := d.Subject; r.Start.Column != 20 || r.End.Column != 26 {
		t.Errorf("unknown-rule range = %v, want columns 20-26 (the name)", r)
	}
	if !strings.Contains(d.Detail, `Did you mean "TEST001"?`) {
		t.Errorf("detail lacks the suggestion: %s", d.Detail)
	}
}

func TestUnusedSuppressionFix(t *testing.T) {
	file := coordXML("60", "  <!-- coordc:ignore TEST001 - stale -->\n  <controls><timeout>10</timeout></controls>\n")
	res, diags, _ := load(t, map[string]string{"a.xml": file})
	fs := Run(res.Project, res.Sources, diags, []*Analyzer{testDay, testSup}, nil)
	fixed := ApplyFixes(fs, res.Sources)
	if len(fixed.Files) != 1 {
		t.Fatalf("fixes changed %d files, want 1", len(fixed.Files))
	}
	for _, got := range fixed.Files {
		want := coordXML("60", "  <controls><timeout>10</timeout></controls>\n")
		if d := cmp.Diff(want, string(got)); d != "" {
			t.Errorf("fixed file (-want +got):\n%s", d)
		}
	}
}

func TestHCLDirectives(t *testing.T) {
	src := `# coordc:ignore-file TZ003 -- datasets in UTC on purpose
coordinator "daily" {
  frequency = "1440" # coordc:ignore DST001 -- "#" in a string: "a # b"
  # coordc:ignore TZ001 -- legacy
  dataset "logs" {
    timezone = "PST"
  }
  // coordc:ignore EL002 -- next line only
  x = 1
  y = 2
}
`
	type scope struct {
		Rules    string
		File     bool
		From, To int // lines covered
		Reason   string
	}
	var got []scope
	ix := newLineIndex("a.coord.hcl", []byte(src))
	for _, d := range directives("a.coord.hcl", []byte(src)) {
		s := scope{Rules: ruleList(d.rules), File: d.fileScope, Reason: d.reason}
		if !d.fileScope {
			s.From, s.To = ix.pos(d.from).Line, ix.pos(d.to).Line
		}
		got = append(got, s)
	}
	want := []scope{
		{Rules: "TZ003", File: true, Reason: "datasets in UTC on purpose"},
		{Rules: "DST001", From: 3, To: 3, Reason: `"#" in a string: "a # b"`},
		{Rules: "TZ001", From: 5, To: 7, Reason: "legacy"},
		{Rules: "EL002", From: 9, To: 9, Reason: "next line only"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmtInt(n/10) + string(rune('0'+n%10))
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
