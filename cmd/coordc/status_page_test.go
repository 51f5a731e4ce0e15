package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// pagedState is a state file with one job of n actions: every third
// FAILED, the others SUCCEEDED.
func pagedState(t *testing.T, n int) (string, string) {
	t.Helper()
	db := stateDB(t, t.TempDir())
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	id, err := st.CreateJob(ctx, state.Job{AppName: "paged", AppPath: "/p.xml", AppNamespace: "uri:oozie:coordinator:0.4",
		DefinitionHash: "h", Conf: "{}", Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC",
		Start: start, End: start.Add(time.Duration(n) * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO, User: "joe"})
	if err != nil {
		t.Fatal(err)
	}
	m := state.Materialization{JobID: id, Running: true}
	for i := 1; i <= n; i++ {
		m.Actions = append(m.Actions, state.NewAction{Number: i, Nominal: start.Add(time.Duration(i-1) * time.Hour), Timeout: 120, ActionJSON: "{}"})
	}
	if _, err := st.Materialize(ctx, m); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		to := state.Succeeded
		if i%3 == 0 {
			to = state.Failed
		}
		if _, err := st.DB().Exec(`UPDATE coord_actions SET status = ?, missing_dependencies = ? WHERE id = ?`, string(to), "/in/"+string(rune('a'+i%26)), state.ActionID(id, i)); err != nil {
			t.Fatal(err)
		}
	}
	return db, id
}

func TestStatusFilterAndPaging(t *testing.T) {
	db, id := pagedState(t, 1200)
	numbers := func(args ...string) ([]int, int) {
		t.Helper()
		stdout, stderr, code := coordc(t, append([]string{"status", id, "-o", "json", "--state", db}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		var rep state.Report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		out := []int{}
		for _, a := range rep.Jobs[0].Actions {
			out = append(out, a.Number)
		}
		return out, rep.Jobs[0].Total
	}
	// A huge job pages by default: the first 1000, and the total.
	got, total := numbers()
	if len(got) != 1000 || got[0] != 1 || total != 1200 {
		t.Errorf("default: %d actions from %d, total %d", len(got), got[0], total)
	}
	if got, total = numbers("--len", "0"); len(got) != 1200 || total != 1200 {
		t.Errorf("--len 0: %d actions, total %d", len(got), total)
	}
	got, total = numbers("--filter", "status=FAILED;nominaltime>=2024-01-01T10:00Z", "--len", "3", "--order", "desc", "--offset", "2")
	if diff := cmp.Diff([]int{1197, 1194, 1191}, got); diff != "" || total != 397 {
		t.Errorf("filtered page: total %d (-want +got):\n%s", total, diff)
	}
	got, _ = numbers("--filter", "status=FAILED;status=KILLED;nominaltime<2024-01-01T06:00Z")
	if diff := cmp.Diff([]int{3, 6}, got); diff != "" {
		t.Errorf("filter (-want +got):\n%s", diff)
	}
	stdout, _, _ := coordc(t, "status", id, "--state", db)
	if !strings.HasSuffix(stdout, "(1000 of 1200 matching actions shown: --offset and --len page, --len 0 shows all)\n") {
		t.Errorf("text status does not say it paged:\n%s", stdout[len(stdout)-200:])
	}
	stdout, _, _ = coordc(t, "status", id, "--state", db, "--verbose", "--len", "1", "--offset", "3")
	for _, want := range []string{"User         : joe", "MISSING INPUTS", "3       2024-01-01T02:00:00Z", "FAILED", "/in/d", "(1 of 1200 matching actions shown"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--verbose lacks %q:\n%s", want, stdout)
		}
	}
	for _, bad := range [][]string{{"--filter", "status=DONE"}, {"--len", "-1"}, {"--offset", "0"}, {"--order", "up"}, {"--filter", "user=x"}} {
		if _, stderr, code := coordc(t, append([]string{"status", id, "--state", db}, bad...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", bad, code, exitUsage, stderr)
		}
	}
}

func TestStatusOfOneAction(t *testing.T) {
	db, id := pagedState(t, 3)
	stdout, stderr, code := coordc(t, "status", id+"@3", "--state", db)
	want := "Action ID      : " + id + "@3\nJob ID         : " + id + "\nStatus         : FAILED\nNominal time   : 2024-01-01T02:00:00Z\n"
	if code != exitOK || !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, "Missing inputs :\n  /in/d\n") ||
		!strings.HasSuffix(stdout, "\nno workflow has run yet\n") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, _, code = coordc(t, "status", id+"@3", "--state", db, "-o", "json")
	var d actionDetail
	if err := json.Unmarshal([]byte(stdout), &d); code != exitOK || err != nil || d.Number != 3 || d.Status != state.Failed ||
		!cmp.Equal(d.MissingDependencies, []string{"/in/d"}) {
		t.Errorf("json: exit %d, %v, %+v", code, err, d)
	}
	if _, _, code := coordc(t, "status", id+"@9", "--state", db); code != exitUsage {
		t.Errorf("unknown action: exit %d, want %d", code, exitUsage)
	}
}

func TestJobsFilterJSON(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	submitFuture(t, db, futureCoordinator(t, dir))
	stdout, _, code := coordc(t, "jobs", "--state", db, "--filter", "name=future;status=PREP", "-o", "json")
	var out struct{ Jobs []jobJSON }
	if err := json.Unmarshal([]byte(stdout), &out); code != exitOK || err != nil || len(out.Jobs) != 1 || out.Jobs[0].ID != "0000001-future-C" ||
		out.Jobs[0].NextMaterialized == nil || *out.Jobs[0].NextMaterialized != "2099-01-01T00:00:00Z" {
		t.Errorf("exit %d, %v: %s", code, err, stdout)
	}
	stdout, _, _ = coordc(t, "jobs", "--state", db, "--filter", "status=KILLED", "-o", "json")
	if stdout != `{"jobs":[]}`+"\n" {
		t.Errorf("no match: %s", stdout)
	}
	if _, _, code := coordc(t, "jobs", "--state", db, "--filter", "group=x"); code != exitUsage {
		t.Errorf("bad filter: exit %d", code)
	}
}
