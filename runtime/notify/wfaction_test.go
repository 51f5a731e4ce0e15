package notify

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/coordc/coordc/runtime/workflow"
)

// TestMain runs the tests on SQLite and, with COORDC_TEST_POSTGRES set, the
// workflow action notification tests again on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "TestWorkflowActionURL") }

// TestWorkflowActionURL runs a real workflow (a fork of a shell and an fs
// action, a join, a decision) with oozie.wf.action.notification.url and
// checks the callbacks: an entry (S:…) and an exit (T:<transition>) per
// action node, one T:<chosen case> for the decision, none for the other
// control nodes, with $jobId and $nodeName substituted; a receiver that
// fails at first is retried until it answers, and each notification
// arrives once it did.
func TestWorkflowActionURL(t *testing.T) {
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec := &recorder{fail: 2}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	e := workflow.New(st.DB())
	e.PollInterval = 10 * time.Millisecond
	req := runner.Request{ActionID: "0000001-wf-C@1", AppPath: filepath.Join("..", "..", "testdata", "workflows", "forkjoin"),
		Conf: map[string]string{"status": "good", "out": t.TempDir(),
			workflow.ConfActionNotificationURL: srv.URL + "/node/$jobId/$nodeName?status=$status"},
		User: "etl", Dir: t.TempDir()}
	id, err := e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := e.Check(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.Terminal() {
			if res.Status != runner.Succeeded {
				t.Fatalf("workflow ended %s", res.Status)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("workflow did not end")
		}
		time.Sleep(5 * time.Millisecond)
	}
	c := clocktest.New(time.Now())
	w := &Worker{Store: st, Clock: c}
	for i := 0; i < 10; i++ {
		next, err := w.Pass(ctx)
		if err != nil {
			t.Logf("pass %d: %v", i, err)
		}
		if next.IsZero() {
			break
		}
		c.Advance(MaxBackoff)
	}
	var got []string
	rec.mu.Lock()
	for _, r := range rec.reqs {
		got = append(got, r.URL.Path+" "+r.URL.Query().Get("status"))
	}
	rec.mu.Unlock()
	// The failed attempts are recorded too; keep the distinct calls.
	seen := map[string]int{}
	var distinct []string
	for _, g := range got {
		if seen[g]++; seen[g] == 1 {
			distinct = append(distinct, g)
		}
	}
	sort.Strings(distinct)
	p := "/node/" + id + "/"
	want := []string{p + "check T:end", p + "dirs S:RUNNING", p + "dirs T:merge", p + "slow S:RUNNING", p + "slow T:merge"}
	if strings.Join(distinct, "\n") != strings.Join(want, "\n") {
		t.Errorf("callbacks:\n%s\nwant:\n%s", strings.Join(distinct, "\n"), strings.Join(want, "\n"))
	}
	if len(got) != len(want)+2 {
		t.Errorf("%d requests, want %d (two failed attempts, then each once): %v", len(got), len(want)+2, got)
	}
	ds, err := st.Deliveries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Delivered.IsZero() {
			t.Errorf("delivery %s pending: %s", d.ID, d.LastError)
		}
	}
}

// TestWorkflowActionURLError: an action ending in error notifies its
// error transition (T:fail) after its entry; the kill node none.
func TestWorkflowActionURLError(t *testing.T) {
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	e := workflow.New(st.DB())
	id, err := e.Start(ctx, runner.Request{ActionID: "0000001-bad-C@1", AppPath: filepath.Join("..", "..", "testdata", "workflows", "failing"),
		Conf: map[string]string{workflow.ConfActionNotificationURL: srv.URL + "/$nodeName/$status/$jobId"}, User: "etl", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		res, err := e.Check(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.Terminal() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("workflow did not end")
		}
	}
	if _, err := (&Worker{Store: st}).Pass(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rec.reqs {
		got = append(got, r.URL.Path)
	}
	want := []string{"/boom/S:RUNNING/" + id, "/boom/T:fail/" + id}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("callbacks %v, want %v", got, want)
	}
}
