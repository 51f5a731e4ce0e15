package workflow

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTextPositions: decoded text (references, CDATA, CR LF) maps every
// EL token back to its place in the file.
func TestTextPositions(t *testing.T) {
	src := "<workflow-app name=\"w\" xmlns=\"uri:oozie:workflow:0.5\">\r\n<start to=\"k\"/>\r\n" +
		"<kill name=\"k\"><message>&lt;&#65;&#x42;\r\n<![CDATA[<$]]>x ${wf:nope()}</message></kill><end name=\"end\"/>\r\n</workflow-app>"
	_, diags := Parse("wf.xml", []byte(src))
	if diff := cmp.Diff([]string{"4:19 error EL002 Unknown EL function wf:nope in a workflow"}, render(diags)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	root, _ := readXML("wf.xml", []byte(src))
	msg := root.kids[1].kids[0].text
	if msg.Text != "<AB\n<$x ${wf:nope()}" {
		t.Errorf("decoded text %q", msg.Text)
	}
	for off, want := range map[int]string{0: "3:25", 1: "3:29", 2: "3:34", 3: "3:40", 4: "4:10", 5: "4:11", 6: "4:15", 7: "4:16"} {
		p := msg.Pos(off)
		if got := fmt.Sprintf("%d:%d", p.Line, p.Column); got != want {
			t.Errorf("offset %d (%q) at %s, want %s", off, msg.Text[off:], got, want)
		}
	}
}

func TestAttributePositions(t *testing.T) {
	src := "<workflow-app name=\"w\" xmlns=\"uri:oozie:workflow:0.5\"><start\n  to = 'a&amp;b' /><end name=\"end\"/></workflow-app>"
	root, diags := readXML("wf.xml", []byte(src))
	if len(diags) > 0 {
		t.Fatal(render(diags))
	}
	a := root.kids[0].get("to")
	if a.value.Text != "a&b" {
		t.Errorf("value %q", a.value.Text)
	}
	if got := fmt.Sprintf("%d:%d-%d:%d", a.rng.Start.Line, a.rng.Start.Column, a.nameRng.Start.Line, a.nameRng.Start.Column); got != "2:9-2:3" {
		t.Errorf("value and name at %s, want 2:9-2:3", got)
	}
}

// TestPositionsAcrossSegments: long text is split into segments; positions
// stay exact, multi-byte characters included.
func TestPositionsAcrossSegments(t *testing.T) {
	msg := strings.Repeat("é", 300) + "${wf:nope()}"
	src := app("0.5", `<start to="k"/><kill name="k"><message>`+msg+`</message></kill><end name="end"/>`)
	_, diags := Parse("wf.xml", []byte(src))
	col := len(`<start to="k"/><kill name="k"><message>`) + 300 + 3
	want := fmt.Sprintf("2:%d error EL002 Unknown EL function wf:nope in a workflow", col)
	if got := render(diags); len(got) == 0 || got[0] != want {
		t.Errorf("got %v, want %s", got, want)
	}
}
