package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/state"
)

// futureBundle writes a bundle of two entries ("a", "b") of the future
// coordinator, with its kick-off-time in 2099, and returns its path.
func futureBundle(t *testing.T, dir string) string {
	t.Helper()
	coord := futureCoordinator(t, filepath.Join(dir, "coord"))
	entry := func(name string) string {
		return `<coordinator name="` + name + `"><app-path>file://` + coord + `</app-path>
    <configuration><property><name>entry</name><value>` + name + `</value></property></configuration></coordinator>`
	}
	writeTree(t, dir, map[string]string{"bundle.xml": `<bundle-app name="nightly" xmlns="uri:oozie:bundle:0.2">
  <controls><kick-off-time>2099-01-01T00:00Z</kick-off-time></controls>` + entry("a") + entry("b") + `</bundle-app>`})
	return filepath.Join(dir, "bundle.xml")
}

// submitFutureBundle submits the bundle at path as apply does, without
// running it, and returns the bundle job's ID and its coordinator jobs'.
func submitFutureBundle(t *testing.T, db, path string) []string {
	t.Helper()
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	targets, tdiags := applyTargets(context.Background(), res, nil)
	if diags = append(diags, tdiags...); diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, bundles, err := submitTargets(context.Background(), newScheduler(st, slog.New(slog.DiscardHandler), "", 0, nil, nil), targets)
	if err != nil || len(bundles) != 1 {
		t.Fatalf("submit: %v %v", bundles, err)
	}
	return append(bundles, ids...)
}

// TestBundleCommands submits a bundle through the server (one bundle job,
// its ID answered, submitted once) and walks it through the Oozie API and
// the CLI: listing, info, suspend, resume, change, rerun and kill, each
// applied to its coordinator jobs, and the refusals.
func TestBundleCommands(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	_, url := startServer(t, dir, db)
	conf := server.ConfigurationXML(map[string]string{"oozie.bundle.application.path": "file://" + futureBundle(t, dir), "user.name": "tester", "queue": "etl"})
	submit := func() string {
		code, body := api(t, "POST", url+"/oozie/v2/jobs", string(conf))
		if code != http.StatusCreated {
			t.Fatalf("submit: %d %s", code, body)
		}
		var out struct {
			ID  string
			IDs []string
		}
		json.Unmarshal([]byte(body), &out)
		if len(out.IDs) != 3 {
			t.Fatalf("submit answered %s, want the bundle and its two coordinator jobs", body)
		}
		return out.ID
	}
	const id = "0000001-nightly-B"
	if got := submit(); got != id {
		t.Fatalf("submitted %q, want %q", got, id)
	}
	if got := submit(); got != id {
		t.Fatalf("submitted again: %q, want the same bundle %q", got, id)
	}

	code, body := api(t, "GET", url+"/oozie/v2/jobs?jobtype=bundle", "")
	var list struct {
		Total int              `json:"total"`
		Jobs  []map[string]any `json:"bundlejobs"`
	}
	if json.Unmarshal([]byte(body), &list); code != 200 || list.Total != 1 || list.Jobs[0]["bundleJobId"] != id || list.Jobs[0]["status"] != "PREP" ||
		!strings.Contains(list.Jobs[0]["conf"].(string), "<name>queue</name>") {
		t.Fatalf("jobs?jobtype=bundle: %d %s", code, body)
	}
	info := func() (string, []string) {
		t.Helper()
		code, body := api(t, "GET", url+"/oozie/v2/job/"+id+"?show=info", "")
		var m struct {
			Status  string `json:"status"`
			Kickoff string `json:"kickoffTime"`
			Coords  []struct {
				ID     string `json:"coordJobId"`
				Status string `json:"status"`
				End    string `json:"endTime"`
				Bundle string `json:"bundleId"`
			} `json:"bundleCoordJobs"`
		}
		if err := json.Unmarshal([]byte(body), &m); code != 200 || err != nil || len(m.Coords) != 2 || m.Kickoff != "Thu, 01 Jan 2099 00:00:00 GMT" {
			t.Fatalf("show=info: %d %s", code, body)
		}
		out := []string{m.Status}
		for _, c := range m.Coords {
			if c.Bundle != id {
				t.Errorf("coordinator %s has bundleId %q", c.ID, c.Bundle)
			}
			out = append(out, c.Status+" "+c.End)
		}
		return strings.Join(out, ", "), []string{m.Coords[0].ID, m.Coords[1].ID}
	}
	got, coords := info()
	const end = "Sat, 03 Jan 2099 00:00:00 GMT"
	if want := "PREP, PREP " + end + ", PREP " + end; got != want {
		t.Fatalf("info: %s, want %s", got, want)
	}
	if code, body := api(t, "GET", url+"/oozie/v2/job/"+id+"?show=definition", ""); code != 200 || !strings.Contains(body, `<bundle-app name="nightly"`) {
		t.Errorf("show=definition: %d %s", code, body)
	}

	out, stderr, code := coordc(t, "jobs", "--jobtype", "bundle", "--state", db)
	if code != exitOK || !strings.Contains(out, "BUNDLE ID") || !strings.Contains(out, id+"  nightly  PREP    2099-01-01T00:00:00Z") {
		t.Errorf("jobs --jobtype bundle: exit %d\n%s%s", code, out, stderr)
	}
	out, _, code = coordc(t, "status", id, "--state", db)
	if code != exitOK || !strings.Contains(out, "Bundle "+id+"  nightly  PREP") || !strings.Contains(out, coords[0]) || !strings.Contains(out, coords[1]) {
		t.Errorf("status BUNDLE: exit %d\n%s", code, out)
	}

	// Through the server, the same output.
	for _, args := range [][]string{{"status", id}, {"status", id, "-o", "json"}, {"jobs", "--jobtype", "bundle"},
		{"jobs", "--jobtype", "bundle", "-o", "json", "--filter", "status=PREP"}, {"status", "0000009-nope-B"}} {
		sameBothWays(t, url, db, args...)
	}
	if out, stderr, code := coordc(t, "rerun", id, "--coordinator", "a", "--server", url); code != exitProblems || !strings.Contains(stderr, "cannot be rerun") {
		t.Errorf("rerun BUNDLE --server: exit %d %s%s", code, out, stderr)
	}
	if out, stderr, code := coordc(t, "rerun", id, "--date", "2099-01-01T00:00Z::2099-01-02T00:00Z", "--server", url); code != exitProblems || !strings.Contains(stderr, "cannot be rerun") {
		t.Errorf("rerun BUNDLE --date --server: exit %d %s%s", code, out, stderr)
	}
	if out, stderr, code := coordc(t, "suspend", id, "--server", url); code != exitOK || out != "job "+id+" suspended\n" {
		t.Fatalf("suspend BUNDLE --server: exit %d %s%s", code, out, stderr)
	}
	if out, stderr, code := coordc(t, "resume", id, "--server", url); code != exitOK {
		t.Fatalf("resume BUNDLE --server: exit %d %s%s", code, out, stderr)
	}

	put := func(query string, want int) {
		t.Helper()
		if code, body := api(t, "PUT", url+"/oozie/v2/job/"+id+"?"+query, ""); code != want {
			t.Fatalf("PUT %s: %d %s, want %d", query, code, body, want)
		}
	}
	steps := []struct {
		do   func()
		want string
	}{
		{func() { put("action=suspend", 200) }, "PREPSUSPENDED, PREPSUSPENDED " + end + ", PREPSUSPENDED " + end},
		{func() { put("action=resume", 200) }, "PREP, PREP " + end + ", PREP " + end},
		{func() {
			if out, stderr, code := coordc(t, "change", id, "--endtime", "2099-01-02T00:00Z", "--state", db); code != exitOK || out != "job "+id+" changed\n" {
				t.Fatalf("change: exit %d %q %s", code, out, stderr)
			}
		}, "PREP, PREP Fri, 02 Jan 2099 00:00:00 GMT, PREP Fri, 02 Jan 2099 00:00:00 GMT"},
		{func() { put("action=bundle-rerun&coord-scope=a", 400) }, "PREP, PREP Fri, 02 Jan 2099 00:00:00 GMT, PREP Fri, 02 Jan 2099 00:00:00 GMT"},
		{func() { put("action=kill", 200) }, "KILLED, KILLED Fri, 02 Jan 2099 00:00:00 GMT, KILLED Fri, 02 Jan 2099 00:00:00 GMT"},
	}
	for i, s := range steps {
		s.do()
		if got, _ := info(); got != s.want {
			t.Fatalf("step %d: %s, want %s", i+1, got, s.want)
		}
	}

	refusals := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"change", id, "--concurrency", "3"}, exitProblems, "E1317"},
		{[]string{"change", id, "--endtime", "2099-01-02T00:00Z"}, exitProblems, "KILLED"},
		{[]string{"rerun", id}, exitUsage, "--coordinator"},
		{[]string{"rerun", id, "--action", "1"}, exitUsage, "--coordinator"},
		{[]string{"rerun", id, "--coordinator", "a"}, exitProblems, "cannot be rerun"},
		{[]string{"rerun", coords[0], "--coordinator", "a"}, exitUsage, "bundle job"},
		{[]string{"resume", id}, exitProblems, "cannot be resumed"},
		{[]string{"status", "0000009-nope-B"}, exitUsage, "not found"},
		{[]string{"jobs", "--jobtype", "wf"}, exitUsage, "coordinator or bundle"},
	}
	for _, r := range refusals {
		out, stderr, code := coordc(t, append(r.args, "--state", db)...)
		if code != r.code || !strings.Contains(stderr, r.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want %q) %s", r.args, code, r.code, stderr, r.msg, out)
		}
	}
	out, _, _ = coordc(t, "jobs", "--jobtype", "bundle", "-o", "json", "--state", db)
	var doc bundlesJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Bundles) != 1 || doc.Bundles[0].Status != "KILLED" || len(doc.Bundles[0].Coordinators) != 2 {
		t.Errorf("jobs --jobtype bundle -o json: %v\n%s", err, out)
	}
}
