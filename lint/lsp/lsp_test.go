package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// The coordinator has non-ASCII text (2 BMP characters and one outside the
// BMP: 4 UTF-16 units, 10 bytes) before the mistake on its first line.
const coordXML = `<coordinator-app name="日報😀" frequency="1440" start="2009-03-01T08:00Z" end="2009-03-15T07:00Z" timezone="America/Los_Angeles" xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <include>datasets.xml</include>
    <dataset name="daily" frequency="${coord:days(1)}" initial-instance="2009-01-01T08:00Z" timezone="America/Los_Angeles">
      <uri-template>${root}/daily/${YEAR}${MONTH}${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="yesterday" dataset="hourly">
      <start-instance>${coord:current(-24)}</start-instance>
      <end-instance>${coord:current(-1)}</end-instance>
    </data-in>
  </input-events>
  <output-events>
    <data-out name="out" dataset="daily">
      <instance>${coord:current(-1)}</instance>
    </data-out>
  </output-events>
  <action>
    <workflow>
      <app-path>${root}/app</app-path>
      <configuration>
        <property><name>in</name><value>${coord:dataIn('yesterday')}</value></property>
      </configuration>
    </workflow>
  </action>
</coordinator-app>
`

const datasetsXML = `<datasets>
  <dataset name="hourly" frequency="${coord:hours(1)}" initial-instance="2009-01-01T08:00Z" timezone="America/Los_Angeles">
    <uri-template>${root}/hourly/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
  </dataset>
</datasets>
`

func project(t *testing.T) string {
	return writeFiles(t, map[string]string{
		"coordinator.xml": coordXML,
		"datasets.xml":    datasetsXML,
		"job.properties":  "root=hdfs://nn/data\n",
		// The configuration is used: its properties define root (else
		// EL005-style "not defined" warnings), and PIPE001 is disabled.
		".coordc.hcl": "properties = [\"job.properties\"]\nrule \"PIPE001\" {\n  enabled = false\n}\n",
	})
}

var march5 = func() time.Time { return time.Date(2009, 3, 5, 12, 0, 0, 0, time.UTC) }

type hoverResult struct {
	Contents protocol.MarkupContent `json:"contents"`
	Range    protocol.Range         `json:"range"`
}

type completionResult struct {
	Items []struct {
		Label    string            `json:"label"`
		Detail   string            `json:"detail"`
		TextEdit protocol.TextEdit `json:"textEdit"`
	} `json:"items"`
}

func (c *client) hover(uri string, line, char uint32) hoverResult {
	c.t.Helper()
	var h hoverResult
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: docPos(uri, line, char)}, &h)
	return h
}

func (c *client) definition(uri string, line, char uint32) []protocol.Location {
	c.t.Helper()
	var locs []protocol.Location
	c.call(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: docPos(uri, line, char)}, &locs)
	return locs
}

func (c *client) complete(uri string, line, char uint32) completionResult {
	c.t.Helper()
	var r completionResult
	c.call(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: docPos(uri, line, char)}, &r)
	return r
}

func TestXMLSession(t *testing.T) {
	dir := project(t)
	coordPath, dsPath := filepath.Join(dir, "coordinator.xml"), filepath.Join(dir, "datasets.xml")
	c := newClient(t, Options{Now: march5})
	uri := c.open(coordPath)
	dsURI := pathToURI(dsPath)

	// Diagnostics: DST001 on "1440", after 日報😀 (4 UTF-16 units, 10
	// bytes, 3 code points): UTF-16 column 40 (byte 46, code point 39).
	ds := c.diagnostics(uri, 1)
	if diff := cmp.Diff([]string{"DST001"}, codes(ds)); diff != "" {
		t.Fatalf("codes (-want +got):\n%s\n%+v", diff, ds)
	}
	d := find(ds, "DST001")
	if diff := cmp.Diff(rng(0, 40, 0, 44), d.Range); diff != "" {
		t.Errorf("DST001 range (-want +got):\n%s", diff)
	}
	if d.Severity != 2 || d.Source != "coordc" || !strings.HasPrefix(d.Message, `Frequency "1440" is a fixed 24 hours, not a calendar day, in time zone "America/Los_Angeles" [DST001 fixed-day-frequency]`) {
		t.Errorf("DST001: %+v", d)
	}

	// Hover on the frequency: first actions, next after now, next DST change.
	h := c.hover(uri, 0, 42)
	for _, want := range []string{
		"| #1 | 2009-03-01 00:00 PST (Sun) | 2009-03-01T08:00Z |",
		"Next after now (2009-03-05T12:00Z): #6 at 2009-03-06 00:00 PST (Fri) (2009-03-06T08:00Z).",
		"Next DST transition: 2009-03-08T10:00Z, UTC-08:00 → UTC-07:00",
		"First action after it: #9 at 2009-03-09 01:00 PDT (Mon) (2009-03-09T08:00Z).",
	} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("frequency hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	if diff := cmp.Diff(rng(0, 40, 0, 44), h.Range); diff != "" {
		t.Errorf("frequency hover range (-want +got):\n%s", diff)
	}
	// On the attribute name "timezone", the timezone's hover.
	if h := c.hover(uri, 0, 98); !strings.HasPrefix(h.Contents.Value, "**timezone**") || h.Range != rng(0, 106, 0, 125) {
		t.Errorf("timezone hover: %+v", h)
	}

	// Hover on an EL function: signature and documentation.
	h = c.hover(uri, 9, 26)
	if !strings.HasPrefix(h.Contents.Value, "```\ncoord:current(n int) ") || h.Range != rng(9, 24, 9, 37) {
		t.Errorf("function hover: %+v", h)
	}

	// Hover on a dataset reference: template and the first action's URIs.
	h = c.hover(uri, 8, 41)
	for _, want := range []string{"URI template: `${root}/hourly/${YEAR}/${MONTH}/${DAY}/${HOUR}`", "resolves to 24 URI(s)", "- `hdfs://nn/data/hourly/2009/03/01/07`"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("dataset hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}

	// Definition: data-in dataset → the included file; dataIn('x') → data-in.
	if diff := cmp.Diff([]protocol.Location{{URI: dsURI, Range: rng(1, 17, 1, 23)}}, c.definition(uri, 8, 41)); diff != "" {
		t.Errorf("dataset definition (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]protocol.Location{{URI: uri, Range: rng(8, 19, 8, 28)}}, c.definition(uri, 22, 60)); diff != "" {
		t.Errorf("dataIn definition (-want +got):\n%s", diff)
	}
	// References: the data-in's uses, and the included dataset's (found
	// from the datasets file through the coordinators of its directory).
	var refs []protocol.Location
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: docPos(uri, 8, 22)}, &refs)
	if diff := cmp.Diff([]protocol.Location{{URI: uri, Range: rng(22, 55, 22, 66)}}, refs); diff != "" {
		t.Errorf("data-in references (-want +got):\n%s", diff)
	}
	c.open(dsPath)
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: docPos(dsURI, 1, 20)}, &refs)
	if diff := cmp.Diff([]protocol.Location{{URI: uri, Range: rng(8, 39, 8, 45)}}, refs); diff != "" {
		t.Errorf("dataset references (-want +got):\n%s", diff)
	}

	// Completion: functions, dataset names, data-in names, zones.
	comp := c.complete(uri, 10, 28)
	if !hasItem(comp, "coord:current", "coord:current(n int) ", rng(10, 22, 10, 28)) || !hasItem(comp, "coord:days", "", rng(10, 22, 10, 28)) {
		t.Errorf("function completion: %+v", comp)
	}
	if diff := cmp.Diff([]string{"daily", "hourly"}, labels(c.complete(uri, 8, 42))); diff != "" {
		t.Errorf("dataset completion (-want +got):\n%s", diff)
	}
	comp = c.complete(uri, 8, 42)
	if comp.Items[1].TextEdit.Range != rng(8, 39, 8, 42) {
		t.Errorf("dataset completion range: %+v", comp.Items[1].TextEdit)
	}
	if diff := cmp.Diff([]string{"yesterday"}, labels(c.complete(uri, 22, 56))); diff != "" {
		t.Errorf("data-in completion (-want +got):\n%s", diff)
	}
	comp = c.complete(uri, 0, 116)
	if !hasItem(comp, "America/Los_Angeles", "", rng(0, 106, 0, 116)) || !hasItem(comp, "America/Louisville", "", rng(0, 106, 0, 116)) || hasItem(comp, "America/New_York", "", rng(0, 106, 0, 116)) {
		t.Errorf("zone completion: %v", labels(comp))
	}

	// Quick fix: the DST001 fix, applied and re-linted from the buffer.
	var actions []struct {
		Title string                 `json:"title"`
		Kind  string                 `json:"kind"`
		Edit  protocol.WorkspaceEdit `json:"edit"`
	}
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: rng(0, 41, 0, 41)}, &actions)
	if len(actions) != 2 || actions[0].Kind != "quickfix" || actions[1].Kind != "source.fixAll" {
		t.Fatalf("code actions: %+v", actions)
	}
	if diff := cmp.Diff([]protocol.TextEdit{{Range: rng(0, 40, 0, 44), NewText: "${coord:days(1)}"}}, actions[0].Edit.Changes[uri]); diff != "" {
		t.Errorf("quick fix (-want +got):\n%s", diff)
	}
	fixed := applyEdits(t, coordXML, actions[0].Edit.Changes[uri])
	c.change(uri, 2, fixed)
	// Now a calendar-daily job, its fixed 24-hour window is DST003.
	if ds := c.diagnostics(uri, 2); !cmp.Equal(codes(ds), []string{"DST003"}) || ds[0].Range != rng(9, 24, 9, 42) {
		t.Errorf("after the fix: %+v", ds)
	}

	// XML element completion from the unsaved buffer.
	withTag := strings.Replace(fixed, "  <datasets>", "  <\n  <datasets>", 1)
	c.change(uri, 3, withTag)
	if diff := cmp.Diff([]string{"parameters", "controls", "datasets", "input-events", "output-events", "action"}, labels(c.complete(uri, 1, 3))); diff != "" {
		t.Errorf("element completion (-want +got):\n%s", diff)
	}
	c.change(uri, 4, fixed)
	c.diagnostics(uri, 4)

	// The included file's unsaved text is what the coordinator sees.
	c.change(dsURI, 2, strings.Replace(datasetsXML, `name="hourly"`, `name="hourly2"`, 1))
	ds = c.diagnostics(uri, 4)
	if d := find(ds, "DS002"); d == nil || d.Range != rng(8, 39, 8, 45) {
		t.Errorf("unknown dataset after the included file changed: %+v", ds)
	}
}

func hasItem(r completionResult, label, detailPrefix string, want protocol.Range) bool {
	for _, it := range r.Items {
		if it.Label == label && strings.HasPrefix(it.Detail, detailPrefix) && it.TextEdit.Range == want && it.TextEdit.NewText == label {
			return true
		}
	}
	return false
}

func labels(r completionResult) []string {
	out := []string{}
	for _, it := range r.Items {
		out = append(out, it.Label)
	}
	return out
}

// TestDebounceAndIncrementalChanges: a burst of changes yields diagnostics
// for the last text only, and ranged (incremental) changes are applied at
// UTF-16 positions. The debounce is long so that a busy machine cannot
// stall the burst past it.
func TestDebounceAndIncrementalChanges(t *testing.T) {
	dir := project(t)
	c := newClient(t, Options{Debounce: 2 * time.Second, Now: march5})
	uri := c.open(filepath.Join(dir, "coordinator.xml"))
	c.diagnostics(uri, 1)
	edit := func(version int32, r protocol.Range, text string) {
		c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
			ContentChanges: []any{protocol.TextDocumentContentChangeEvent{Range: &r, Text: text}},
		})
	}
	// "1440" → "60" → "120" → "${coord:days(1)}", each replacing the last.
	edit(2, rng(0, 40, 0, 44), "60")
	edit(3, rng(0, 40, 0, 42), "120")
	edit(4, rng(0, 40, 0, 43), "${coord:days(1)}")
	var got published
	select {
	case got = <-c.diag:
	case <-time.After(20 * time.Second):
		t.Fatal("no diagnostics after the burst")
	}
	if got.Version == nil || *got.Version != 4 {
		t.Fatalf("first diagnostics after the burst are for version %v, want 4 only", got.Version)
	}
	if diff := cmp.Diff([]string{"DST003"}, codes(got.Diagnostics)); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	var actions []json.RawMessage
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: rng(0, 0, 0, 0)}, &actions)
	if len(actions) != 0 {
		t.Errorf("no fix left on line 1, got %s", actions)
	}
}

// TestConcurrentAnalyses: a request's analysis may run while the debounced
// one does (run with -race).
func TestConcurrentAnalyses(t *testing.T) {
	dir := project(t)
	path := filepath.Join(dir, "coordinator.xml")
	overlay := map[string][]byte{path: []byte(coordXML)}
	done := make(chan int, 4)
	for range 4 {
		go func() {
			a := analyze(path, overlay)
			a.index()
			done <- len(a.diagnostics())
		}()
	}
	for range 4 {
		if n := <-done; n != 1 {
			t.Errorf("%d diagnostics, want 1 (DST001)", n)
		}
	}
}
