package ooziexml

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

func TestCoordinatorVersion(t *testing.T) {
	text := &ir.Text{Raw: "x"}
	tests := map[string]struct {
		c    ir.Coordinator
		want string
	}{
		"plain":       {ir.Coordinator{}, "0.1"},
		"throttle":    {ir.Coordinator{Controls: ir.Controls{Throttle: ir.IntControl{Text: text}}}, "0.2"},
		"parameters":  {ir.Coordinator{Parameters: []*ir.Parameter{{Name: "p"}}}, "0.4"},
		"nocleanup":   {ir.Coordinator{Outputs: []*ir.DataOut{{NoCleanup: text}}}, "0.4"},
		"SLA 0.1":     {ir.Coordinator{SLA: &ir.SLA{Version: "0.1"}}, "0.1"},
		"SLA 0.2":     {ir.Coordinator{SLA: &ir.SLA{Version: "0.2"}}, "0.4"},
		"input logic": {ir.Coordinator{InputLogic: &ir.LogicNode{Op: ir.LogicAnd}, Parameters: []*ir.Parameter{{Name: "p"}}}, "0.5"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got, _ := CoordinatorVersion(&tc.c); string(got) != tc.want {
				t.Errorf("version %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPick(t *testing.T) {
	if v, err := pick("", "0.4", "x", CoordinatorVersions); v != "0.4" || err != nil {
		t.Errorf("default: %s %v", v, err)
	}
	if v, err := pick("0.5", "0.4", "x", CoordinatorVersions); v != "0.5" || err != nil {
		t.Errorf("later: %s %v", v, err)
	}
	if _, err := pick("0.3", "0.4", "parameters", CoordinatorVersions); err == nil {
		t.Error("an older version than needed was accepted")
	}
	if _, err := pick("0.9", "0.1", "", CoordinatorVersions); err == nil {
		t.Error("an unknown version was accepted")
	}
}

func TestEscaping(t *testing.T) {
	c := &ir.Coordinator{
		Name:      &ir.Text{Raw: `a "b" & <c>`},
		Comments:  []ir.Comment{{Text: " no -- dashes ", Range: hcl.Range{Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 25, Byte: 24}}}},
		DeclRange: hcl.Range{Start: hcl.Pos{Line: 2, Column: 1, Byte: 30}},
		Action:    &ir.Action{AppPath: &ir.Text{Raw: "x\r<y>&"}},
	}
	got, _ := Coordinator(c, Options{})
	want := `<?xml version="1.0" encoding="UTF-8"?>
<!-- no - - dashes -->
<coordinator-app xmlns="uri:oozie:coordinator:0.1" name="a &quot;b&quot; &amp; &lt;c&gt;">
  <action>
    <workflow>
      <app-path>x&#13;&lt;y&gt;&amp;</app-path>
    </workflow>
  </action>
</coordinator-app>
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
