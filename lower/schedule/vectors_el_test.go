package schedule

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
)

// elGroups are the materialization-phase groups this package implements.
var elGroups = map[string]bool{groupCreate: true, groupCreateInst: true, groupStart: true, "coord-sla-create": true}

// elStorage is the file system state of Oozie's tests behind vectors that do
// not list it: testLatest creates 2009/09/08-10, testFuture 2009/09/10-11
// (TestCoordELFunctions).
var elStorage = map[string][]string{
	"el-latest-m1":             {"<testdir>/2009/09/08", "<testdir>/2009/09/09", "<testdir>/2009/09/10"},
	"el-latest-m2":             {"<testdir>/2009/09/08", "<testdir>/2009/09/09", "<testdir>/2009/09/10"},
	"el-latest-unresolved":     {"<testdir>/2009/09/08", "<testdir>/2009/09/09", "<testdir>/2009/09/10"},
	"el-latest-positive-error": {"<testdir>/2009/09/10"},
	"el-future-1-20":           {"<testdir>/2009/09/10", "<testdir>/2009/09/11"},
	"el-future-unresolved":     {"<testdir>/2009/09/10", "<testdir>/2009/09/11"},
}

// Unsure doc vectors give no initial instance ("earlier than nominal;
// unspecified"): the tests use 2000-01-01 at the nominal time's UTC clock,
// with the daily or monthly dataset the notes assume.
func unspecifiedInitial(ds *dsSpec, nominal string) {
	if strings.HasPrefix(ds.InitialInstance, "(") {
		ds.InitialInstance = "2000-01-01" + nominal[10:] // 2009-03-08T08:00Z → 2000-01-01T08:00Z
	}
}

func TestVectorsEL(t *testing.T) {
	t.Setenv("TZ", "America/St_Johns")
	for _, v := range loadVectors(t, func(v vector) bool {
		var in struct {
			Group string `json:"el_group"`
		}
		_ = json.Unmarshal(v.Input, &in)
		return v.Kind == "el" && elGroups[in.Group]
	}) {
		t.Run(v.ID, func(t *testing.T) {
			var in struct {
				Group     string            `json:"el_group"`
				Expr      string            `json:"expression"`
				Dataset   *dsSpec           `json:"dataset"`
				Action    actionSpec        `json:"action"`
				Existing  []string          `json:"existing_paths"`
				Variables map[string]string `json:"variables"`
				DataIn    map[string]struct {
					URIs       string `json:"uris"`
					Unresolved bool   `json:"unresolved"`
				} `json:"datain"`
				DataOut map[string]struct {
					URIs string `json:"uris"`
				} `json:"dataout"`
			}
			mustJSON(t, v.Input, &in)
			expr := in.Expr
			if i := strings.Index(expr, "} with nominal "); i >= 0 { // doc-fn-3
				in.Action.NominalTime = strings.TrimSpace(expr[i+len("} with nominal "):])
				expr = expr[:i+1]
			}
			var c *ir.Coordinator
			dataInName := ""
			var st Storage
			switch {
			case in.Dataset != nil:
				unspecifiedInitial(in.Dataset, in.Action.NominalTime)
				d := mkDataset(t, "ds", *in.Dataset)
				c = actionCoord(t, in.Action, dataIn(t, "in", d, "${coord:current(0)}"))
				dataInName = "in"
				if paths, ok := elStorage[v.ID]; ok {
					st = storageOf(paths...)
				} else if in.Existing != nil {
					st = storageOf(in.Existing...)
				}
			case in.DataIn != nil:
				// A data-in whose latest instance is not resolved yet.
				d := mkDataset(t, "ds", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC"})
				c = actionCoord(t, in.Action, dataIn(t, "ABC", d, "${coord:latest(0)}"))
			case in.DataOut != nil:
				// Two instances in one text, joined by '#' as Oozie joins them.
				d := mkDataset(t, "ds", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC", URITemplate: "file:///tmp/coord/US/${YEAR}/1/${DAY}"})
				in.Action.NominalTime = "2009-01-31T00:00Z"
				c = actionCoord(t, in.Action, nil)
				c.Outputs = []*ir.DataOut{{Name: "ABC", Dataset: d, Instance: text(t, "${coord:current(-1)}#${coord:current(0)}")}}
			default:
				c = actionCoord(t, in.Action, nil)
			}
			if in.Group == groupStart && st == nil {
				dataInName = "" // the action configuration; only latest/future need the dataset
			}
			if u := in.Variables["user.name"]; u != "" {
				c.User = u
			}
			tmpl := text(t, expr).Template
			got, diags := EvalInAction(c, c.Start.Time, actualOf(t, in.Action), dataInName, tmpl, optsFor(t, in.Action, st))
			var wantErr struct {
				Error string `json:"error"`
			}
			if json.Unmarshal(v.Expected, &wantErr) == nil && wantErr.Error != "" {
				if !diags.HasErrors() {
					t.Fatalf("got %q, want an error", got)
				}
				if v.ID != "el-latest-positive-error" && !strings.Contains(strings.ToLower(diagText(diags)), strings.ToLower(wantErr.Error)) {
					t.Errorf("error %q does not mention %q", diagText(diags), wantErr.Error)
				}
				return
			}
			var want string
			mustJSON(t, v.Expected, &want)
			if diags.HasErrors() {
				t.Fatalf("error: %v", diagText(diags))
			}
			if got != want {
				t.Errorf("%s = %q, want %q", expr, got, want)
			}
		})
	}
}

func actualOf(t *testing.T, a actionSpec) (at time.Time) {
	if a.ActualTime != "" {
		return tm(t, a.ActualTime)
	}
	return at
}
