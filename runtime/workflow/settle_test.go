package workflow

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
)

// TestStartLaunchesFirstShell checks that Start commits the job with its
// first shell action already RUNNING with a launch handle (one commit),
// and that Check then only collects the outcome.
func TestStartLaunchesFirstShell(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	id, err := e.Start(context.Background(), request(t, "basic", map[string]string{"greeting": "hi"}))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := loadActions(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.name] = string(r.status)
		if r.name == "hello" && !strings.HasPrefix(r.externalID, "pid:") {
			t.Errorf("hello has no launch handle after Start: %+v", r)
		}
	}
	if diff := cmp.Diff(map[string]string{StartNode: "OK", "hello": "RUNNING"}, got); diff != "" {
		t.Errorf("nodes after Start (-want +got):\n%s", diff)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Errorf("result = %+v", res)
	}
}

// TestSettle checks that Settle records the outcomes of several jobs
// whose shell processes ended (to the end of each job: SUCCEEDED, KILLED
// through the kill node), ignores an unknown ID, and that Check then
// reports what Settle recorded.
func TestSettle(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	var ids []string
	for i, f := range []string{"basic", "failing", "basic"} {
		req := request(t, f, map[string]string{"greeting": "hi"})
		req.ActionID += string(rune('a' + i))
		id, err := e.Start(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	// Wait until every process has its exit record.
	for _, id := range ids {
		waitExited(t, db, id)
	}
	if _, err := e.Settle(ctx, append(ids, "no-such-job"), nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		job, err := loadJob(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		if !job.status.Terminal() {
			t.Errorf("job %s is %s after Settle, want it ended", id, job.status)
		}
		res, err := e.Check(ctx, id)
		if err != nil || res.Status != job.status {
			t.Errorf("Check(%s) = %+v, %v; want %s", id, res, err, job.status)
		}
	}
}
