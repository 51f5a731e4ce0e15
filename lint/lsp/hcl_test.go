package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

const sharedHCL = `dataset "logs" {
  frequency        = coord::hours(1)
  initial_instance = "2024-01-01T08:00Z"
  timezone         = "America/Los_Angeles"
  uri_template     = "hdfs://nn/logs/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}
`

const dailyHCL = `coordinator "daily" {
  frequency = 1440
  start = "2024-03-01T08:00Z"
  end       = "2024-03-20T07:00Z"
  timezone  = "America/Los_Angeles"

  input "hours" {
    dataset        = dataset.logs
    start_instance = coord::current(-24)
    end_instance   = coord::current(-1)
  }

  workflow {
    app_path = "hdfs://nn/apps/daily"
    configuration = {
      in = coord::dataIn("hours")
    }
  }
}
`

func TestHCLSession(t *testing.T) {
	dir := writeFiles(t, map[string]string{"shared.coord.hcl": sharedHCL, "daily.coord.hcl": dailyHCL})
	c := newClient(t, Options{Now: march5})
	uri := c.open(filepath.Join(dir, "daily.coord.hcl"))
	sharedURI := pathToURI(filepath.Join(dir, "shared.coord.hcl"))

	ds := c.diagnostics(uri, 1)
	if d := find(ds, "DST001"); d == nil || d.Range != rng(1, 14, 1, 18) {
		t.Errorf("DST001: %+v", ds)
	}
	// dataset.logs → the dataset of the sibling file.
	if diff := cmp.Diff([]protocol.Location{{URI: sharedURI, Range: rng(0, 8, 0, 14)}}, c.definition(uri, 7, 30)); diff != "" {
		t.Errorf("definition (-want +got):\n%s", diff)
	}
	// coord::dataIn("hours") → input "hours".
	if diff := cmp.Diff([]protocol.Location{{URI: uri, Range: rng(6, 8, 6, 15)}}, c.definition(uri, 15, 28)); diff != "" {
		t.Errorf("dataIn definition (-want +got):\n%s", diff)
	}
	// References of the shared dataset, from its own file: the input of
	// the sibling file.
	var refs []protocol.Location
	c.open(filepath.Join(dir, "shared.coord.hcl"))
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: docPos(sharedURI, 0, 10)}, &refs)
	if diff := cmp.Diff([]protocol.Location{{URI: uri, Range: rng(7, 28, 7, 33)}}, refs); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	if h := c.hover(uri, 8, 26); !strings.HasPrefix(h.Contents.Value, "```\ncoord::current(n int) ") {
		t.Errorf("function hover: %+v", h)
	}
	comp := c.complete(uri, 8, 29)
	if !hasItem(comp, "coord::current", "coord::current(n int) ", rng(8, 21, 8, 29)) {
		t.Errorf("function completion: %v", labels(comp))
	}
	if diff := cmp.Diff([]string{"dataset.logs"}, labels(c.complete(uri, 7, 30))); diff != "" {
		t.Errorf("dataset completion (-want +got):\n%s", diff)
	}

	// Formatting is coordc fmt's.
	var edits []protocol.TextEdit
	c.call(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &edits)
	got := applyEdits(t, dailyHCL, edits)
	if !strings.Contains(got, "  frequency = 1440\n  start     = \"2024-03-01T08:00Z\"\n") {
		t.Errorf("formatted:\n%s", got)
	}
	var again []protocol.TextEdit
	c.change(uri, 2, got)
	c.call(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &again)
	if len(again) != 0 {
		t.Errorf("formatting a formatted file: %+v", again)
	}
}

func TestBundleAppPathDefinition(t *testing.T) {
	bundle, err := filepath.Abs("../../testdata/examples/bundle/bundle.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bundle); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{Now: march5})
	uri := c.open(bundle)
	coord := pathToURI(filepath.Join(filepath.Dir(filepath.Dir(bundle)), "daily-logs", "coordinator.xml"))
	for _, line := range []uint32{10, 13} {
		locs := c.definition(uri, line, 18)
		if len(locs) != 1 || locs[0].URI != coord || locs[0].Range.Start != pos(6, 0) {
			t.Errorf("app-path on line %d: %+v", line, locs)
		}
	}
	// References from the coordinator's start tag: both entries.
	var refs []protocol.Location
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: docPos(uri, 13, 18)}, &refs)
	if len(refs) != 2 || refs[0].Range != rng(10, 14, 10, 27) || refs[1].Range != rng(13, 14, 13, 43) {
		t.Errorf("references: %+v", refs)
	}
}

// A workflow whose ok transition names no node (E0708), after non-ASCII
// text on its line: 日 is one UTF-16 unit, 😀 two.
const badWorkflowXML = `<workflow-app name="w" xmlns="uri:oozie:workflow:0.5">
  <start to="fetch"/>
  <action name="fetch">
    <fs><mkdir path="${nameNode}/x"/></fs>
    <!--日😀--><ok to="ende"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestWorkflowDiagnostics: an open workflow definition gets the
// diagnostics `coordc lint` reports for it, from the editor's text (not
// the file on disk), at exact UTF-16 positions.
func TestWorkflowDiagnostics(t *testing.T) {
	dir := writeFiles(t, map[string]string{"wf/workflow.xml": badWorkflowXML})
	c := newClient(t, Options{})
	uri := c.open(filepath.Join(dir, "wf/workflow.xml"))
	ds := c.diagnostics(uri, 1)
	if len(ds) != 1 || ds[0].Code != "E0708" || ds[0].Range != rng(4, 22, 4, 26) {
		t.Fatalf("diagnostics: %+v", ds)
	}
	if !strings.Contains(ds[0].Message, `Did you mean "end"?`) {
		t.Errorf("message: %q", ds[0].Message)
	}
	// The unsaved buffer is checked: the fix clears the error, and a
	// transition to itself is E0706 on the new text.
	c.change(uri, 2, strings.Replace(badWorkflowXML, `to="ende"`, `to="end"`, 1))
	if ds := c.diagnostics(uri, 2); len(ds) != 0 {
		t.Errorf("fixed: %+v", ds)
	}
	c.change(uri, 3, strings.Replace(badWorkflowXML, `to="ende"`, `to="fetch"`, 1))
	if ds := c.diagnostics(uri, 3); len(ds) != 1 || ds[0].Code != "E0706" {
		t.Errorf("self-transition: %+v", ds)
	}
}

// TestWorkflowAndExcludedFiles: a valid workflow definition and files that
// .coordc.hcl excludes get no diagnostics.
func TestWorkflowAndExcludedFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"wf/workflow.xml":        `<workflow-app name="w" xmlns="uri:oozie:workflow:0.5"><start to="end"/><end name="end"/></workflow-app>`,
		"bad/workflow.xml":       badWorkflowXML,
		".coordc.hcl":            "exclude = [\"legacy/**\", \"bad/**\"]\n",
		"legacy/coordinator.xml": strings.Replace(coordXML, "<include>datasets.xml</include>", "", 1),
	})
	c := newClient(t, Options{})
	for _, f := range []string{"wf/workflow.xml", "legacy/coordinator.xml", "bad/workflow.xml"} {
		uri := c.open(filepath.Join(dir, f))
		if ds := c.diagnostics(uri, 1); len(ds) != 0 {
			t.Errorf("%s: %+v", f, ds)
		}
	}
}
