package wfapp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// TestTextPositions: decoded text (references, CDATA, CR LF) maps every
// EL token back to its place in the file.
func TestTextPositions(t *testing.T) {
	src := "<workflow-app name=\"w\" xmlns=\"uri:oozie:workflow:0.5\">\r\n<start to=\"k\"/>\r\n" +
		"<kill name=\"k\"><message>&lt;&#65;&#x42;\r\n<![CDATA[<$]]>x ${wf:nope()}</message></kill><end name=\"end\"/>\r\n</workflow-app>"
	_, diags := Compile("wf.xml", []byte(src))
	if diff := cmp.Diff([]string{"4:19 error EL002 Unknown EL function wf:nope in a workflow"}, render(diags)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestAttributePositions: a transition's range is its value inside the
// quotes, references decoded.
func TestAttributePositions(t *testing.T) {
	src := "<workflow-app name=\"w\" xmlns=\"uri:oozie:workflow:0.5\"><start\n  to = 'a&amp;b' /><end name=\"end\"/></workflow-app>"
	_, diags := Compile("wf.xml", []byte(src))
	if diff := cmp.Diff([]string{"2:9 error E0708 Invalid transition, node [:start:] transition [a&b]"}, render(diags)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPositionsAcrossSegments: long text is split into segments; positions
// stay exact, multi-byte characters included.
func TestPositionsAcrossSegments(t *testing.T) {
	msg := strings.Repeat("é", 300) + "${wf:nope()}"
	src := app("0.5", `<start to="k"/><kill name="k"><message>`+msg+`</message></kill><end name="end"/>`)
	_, diags := Compile("wf.xml", []byte(src))
	col := len(`<start to="k"/><kill name="k"><message>`) + 300 + 3
	want := fmt.Sprintf("2:%d error EL002 Unknown EL function wf:nope in a workflow", col)
	if got := render(diags); len(got) == 0 || got[0] != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// TestDecodedText: the kill message is the decoded text, CR LF read as LF
// (the front end alone: the end node is not reachable).
func TestDecodedText(t *testing.T) {
	src := "<workflow-app name=\"w\" xmlns=\"uri:oozie:workflow:0.5\">\r\n<start to=\"k\"/>\r\n" +
		"<kill name=\"k\"><message>&lt;&#65;&#x42;\r\n<![CDATA[<$]]>x</message></kill><end name=\"end\"/>\r\n</workflow-app>"
	w, diags := xmlfront.ParseWorkflow("wf.xml", []byte(src))
	if w == nil {
		t.Fatal(render(diags))
	}
	var text string
	for _, p := range w.Node("k").Message.Parts {
		text += p.Literal
	}
	if text != "<AB\n<$x" {
		t.Errorf("message %q", text)
	}
	if w.Version != ir.Version("0.5") {
		t.Errorf("version %q", w.Version)
	}
}
