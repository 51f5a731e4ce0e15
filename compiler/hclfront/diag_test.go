package hclfront

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// coord wraps a coordinator body with the required attributes.
func coord(body string) string {
	return `coordinator "c" {
  frequency = 5
  start     = "2009-01-01T00:00Z"
  end       = "2009-01-02T00:00Z"
  timezone  = "UTC"
` + body + `
}
`
}

// errorsAt renders error diagnostics as "line:col summary".
func errorsAt(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		out = append(out, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	return out
}

func TestDiagnostics(t *testing.T) {
	tests := map[string]struct {
		src  string
		want []string
	}{
		"unknown block":    {coord("  workflw {}"), []string{`6:3 Unsupported block type`}},
		"unknown argument": {coord("  frequncy = 5"), []string{`6:3 Unsupported argument`}},
		"missing argument": {`coordinator "c" {
  frequency = 5
}`, []string{`1:17 Missing required argument`, `1:17 Missing required argument`, `1:17 Missing required argument`}},
		"undeclared variable": {coord(`  workflow { app_path = var.nope }`), []string{`6:25 Reference to undeclared input variable "nope"`}},
		"undeclared local":    {coord(`  workflow { app_path = local.nope }`), []string{`6:25 Reference to undeclared local value "nope"`}},
		"wrong variable type": {`variable "n" {
  type    = number
  default = "ten"
}`, []string{`3:13 Invalid value for variable "n"`}},
		"unknown type": {`variable "n" { type = list }`, []string{`1:23 Invalid variable type`}},
		"local cycle": {`locals {
  a = local.b
  b = local.a
}
` + coord(`  workflow { app_path = local.a }`), []string{`2:7 Cycle in local value "a"`}},
		"template inside expression": {coord(`  workflow { app_path = coord::conf("a${x}") }`), []string{`6:41 String template inside an expression`}},
		"list value":                 {coord(`  workflow { app_path = [1, 2] }`), []string{`6:25 Unsupported expression`}},
		"dash identifier":            {coord(`  workflow { app_path = "${a-b}" }`), []string{`6:28 Name "a-b" is not an EL identifier`}},
		"duplicate variable": {`variable "a" {}
variable "a" {}`, []string{`2:1 Duplicate variable "a"`}},
		"duplicate shared dataset": {strings.Repeat(`dataset "d" {
  frequency        = 5
  initial_instance = "2009-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "/d"
}
`, 2), []string{`7:9 Duplicate dataset "d"`}},
		"input without instances": {coord(`  input "i" { dataset = dataset.d }`), []string{`6:3 Invalid instances for input "i"`}},
		"bad dataset reference": {coord(`  input "i" {
    dataset  = var.x
    instance = 0
  }`), []string{`7:16 Invalid dataset reference`}},
		"two workflows": {coord(`  workflow { app_path = "/a" }
  workflow { app_path = "/b" }`), []string{`7:3 Duplicate workflow block`}},
		"sla field of the other version": {coord(`  workflow { app_path = "/a" }
  sla {
    app_name      = "x"
    nominal_time  = coord::nominalTime()
    should_start  = 5
    should_end    = 10
    alert_contact = "a@example.com"
    dev_contact   = "d@example.com"
    qa_contact    = "q@example.com"
    se_contact    = "s@example.com"
    max_duration  = 5
  }`), []string{`16:5 Unsupported SLA 0.1 argument`}},
		"missing SLA field": {coord(`  workflow { app_path = "/a" }
  sla { should_end = 5 }`), []string{`7:3 Missing required SLA argument`}},
		"syntax error": {`coordinator "c" {`, []string{`1:17 Missing required argument`, `1:17 Missing required argument`, `1:17 Missing required argument`, `1:17 Missing required argument`, `1:17 Unclosed configuration block`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := Parse(map[string][]byte{"t.coord.hcl": []byte(tc.src)}, Options{})
			if diff := cmp.Diff(tc.want, errorsAt(diags)); diff != "" {
				t.Errorf("errors (-want +got):\n%s\nall: %s", diff, diags.Error())
			}
		})
	}
}

func TestVariableValidation(t *testing.T) {
	src := `variable "env" {
  default = "dev"
  validation {
    condition     = contains(["dev", "prod"], var.env)
    error_message = "The environment is dev or prod."
  }
}

variable "retries" {
  type = number
  validation {
    condition     = var.retries <= 5
    error_message = "At most 5 retries."
  }
}
`
	tests := map[string]struct {
		values map[string]string
		want   []string
	}{
		"defaults pass":        {nil, nil},
		"value passes":         {map[string]string{"env": "prod", "retries": "3"}, nil},
		"value fails":          {map[string]string{"env": "qa"}, []string{"1:1 Invalid value for variable"}},
		"number fails":         {map[string]string{"retries": "9"}, []string{"9:1 Invalid value for variable"}},
		"value is not numeric": {map[string]string{"retries": "many"}, []string{`9:1 Invalid value for variable "retries"`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := Parse(map[string][]byte{"v.coord.hcl": []byte(src)}, Options{Values: tc.values})
			if diff := cmp.Diff(tc.want, errorsAt(diags)); diff != "" {
				t.Errorf("errors (-want +got):\n%s\nall: %s", diff, diags.Error())
			}
		})
	}
}

func TestParseVarFile(t *testing.T) {
	got, diags := ParseVarFile("x.vars.hcl", []byte("base = \"hdfs://nn/x\"\nretries = 3\ndebug = true\n"))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := map[string]string{"base": "hdfs://nn/x", "retries": "3", "debug": "true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, diags := ParseVarFile("y.vars.hcl", []byte("a = var.b\n")); !diags.HasErrors() {
		t.Error("a reference in a variables file was accepted")
	}
}

func TestLocalsCannotExplode(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "  l%d = local.l%d + local.l%d\n", i, i+1, i+1)
	}
	b.WriteString("  l40 = 1\n}\n")
	b.WriteString(coord(`  workflow { app_path = local.l0 }`))
	_, diags := Parse(map[string][]byte{"t.coord.hcl": []byte(b.String())}, Options{})
	if got := errorsAt(diags); len(got) != 1 || !strings.Contains(got[0], "Value is too large") {
		t.Errorf("errors: %v", got)
	}
}

func TestDeepNesting(t *testing.T) {
	expr := strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300)
	_, diags := Parse(map[string][]byte{"t.coord.hcl": []byte(coord(`  workflow { app_path = "${` + expr + `}" }`))}, Options{})
	if !diags.HasErrors() {
		t.Fatal("no error for 300 nested parentheses")
	}
}
