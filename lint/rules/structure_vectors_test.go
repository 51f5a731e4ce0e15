package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// vector is the part of a shared test vector these tests read.
type vector struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Input struct {
		Cron   string `json:"cron"`
		After  string `json:"after"`
		DataIn struct {
			Start string `json:"start_instance"`
			End   string `json:"end_instance"`
		} `json:"data_in"`
	} `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var doc struct{ Vectors []vector }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Vectors
}

// TestCRON002Vectors checks that the day names CRON002 proposes for the
// numeric day-of-week fields of the shared cron vectors give the same
// schedule, and the next fire the vector expects.
func TestCRON002Vectors(t *testing.T) {
	n := 0
	for _, v := range loadVectors(t) {
		dow := ""
		if f := strings.Fields(v.Input.Cron); v.Kind == "cron" && len(f) == 5 {
			dow = f[4]
		}
		if !strings.ContainsAny(dow, "0123456789") {
			continue
		}
		n++
		e := mustParseCron(v.Input.Cron)
		fields := e.Fields()
		named, ok := renameDays(dow, quartzDays[:])
		if !ok {
			t.Errorf("%s: %q not renamed", v.ID, dow)
			continue
		}
		fixed := withField(fields, 4, named)
		if !sameSchedule(e, fixed) {
			t.Errorf("%s: %q and %q fire differently", v.ID, v.Input.Cron, fixed)
			continue
		}
		var want string
		if v.Input.After == "" || json.Unmarshal(v.Expected, &want) != nil {
			continue
		}
		after, err := oozietime.ParseDateTime(v.Input.After)
		if err != nil {
			t.Fatal(err)
		}
		next, _ := mustParseCron(fixed).Next(after)
		if got := oozietime.FormatDateTime(next); got != want {
			t.Errorf("%s: next fire of %q after %s = %s, want %s", v.ID, fixed, v.Input.After, got, want)
		}
	}
	if n == 0 {
		t.Fatal("no cron vector with a numeric day-of-week")
	}
	t.Logf("%d cron vectors with numeric day-of-week checked", n)
}

// TestDS003Vectors lints the start/end-instance pairs of the shared
// vectors that Oozie rejects because the start is after the end, and the
// accepted current ranges: DS003 must report exactly the pairs it can
// judge without a schedule (absolute starts depend on the action's time
// and are left alone).
func TestDS003Vectors(t *testing.T) {
	judged, rejected := 0, 0
	for _, v := range loadVectors(t) {
		in := v.Input.DataIn
		if in.Start == "" || in.End == "" {
			continue
		}
		wrap := func(s string) string {
			if strings.HasPrefix(strings.TrimSpace(s), "${") {
				return strings.TrimSpace(s)
			}
			return "${" + strings.TrimSpace(s) + "}"
		}
		start, end := wrap(in.Start), wrap(in.End)
		reversed := strings.Contains(string(v.Expected), "start-instance should be equal or earlier than the end-instance")
		if strings.Contains(start, "absolute") {
			continue
		}
		judged++
		if reversed {
			rejected++
		}
		got := len(lintRange(t, start, end)) > 0
		if got != reversed {
			t.Errorf("%s: %s .. %s: DS003 reported %v, Oozie rejects as reversed: %v", v.ID, start, end, got, reversed)
		}
	}
	if rejected == 0 {
		t.Fatal("no vector with a reversed range")
	}
	t.Logf("%d start/end-instance vectors judged, %d of them reversed", judged, rejected)
}

// lintRange lints a coordinator whose one data-in uses start..end and
// returns the DS003 findings.
func lintRange(t *testing.T, start, end string) []lint.Finding {
	t.Helper()
	body := `  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2009-06-06T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="logs">
      <start-instance>` + start + `</start-instance>
      <end-instance>` + end + `</end-instance>
    </data-in>
  </input-events>
` + exampleAction("${coord:dataIn('input')}")
	path := filepath.Join(t.TempDir(), "coord.xml")
	if err := os.WriteFile(path, []byte(exampleCoord("", body)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	var out []lint.Finding
	for _, f := range lint.Run(res.Project, res.Sources, diags, []*lint.Analyzer{DS003}, nil) {
		if f.RuleID == DS003.ID {
			out = append(out, f)
		}
	}
	return out
}

func mustParseCron(s string) *cron.Expr {
	e, err := cron.Parse(s)
	if err != nil {
		panic(err)
	}
	return e
}
