package workflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// TestStartAll checks that a batch gives each request what Start would:
// new jobs that run to the end (their first launches recorded before they
// ran), an existing job as it is, and a definition error as the request's
// own; and that the jobs' first shell actions were launched by the batch.
func TestStartAll(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	root := t.TempDir()
	req := func(n int, fixture string, conf map[string]string) runner.Request {
		r := request(t, fixture, conf)
		r.ActionID = fmt.Sprintf("0000001-batch-C@%d", n)
		r.Dir = filepath.Join(root, fmt.Sprint(n), "0")
		return r
	}
	existing := req(1, "basic", map[string]string{"greeting": "first"})
	if _, err := e.Start(ctx, existing); err != nil {
		t.Fatal(err)
	}
	reqs := []runner.Request{
		existing,
		req(2, "basic", map[string]string{"greeting": "two"}),
		req(3, "params", nil), // a required parameter is missing
		req(4, "basic", map[string]string{"greeting": "four"}),
	}
	ids, errs := startAll(ctx, t, e, reqs)
	var de *DefinitionError
	if !errors.As(errs[2], &de) || ids[2] != "" {
		t.Errorf("request 3: %q, %v; want a DefinitionError", ids[2], errs[2])
	}
	for _, i := range []int{0, 1, 3} {
		want := JobID(reqs[i].ActionID, 0)
		if ids[i] != want || errs[i] != nil {
			t.Fatalf("request %d: %q, %v; want %q", i+1, ids[i], errs[i], want)
		}
		// The batch launched the first action: it is RUNNING with a handle
		// (or already further) before any Check.
		if i > 0 {
			rows, err := loadActions(ctx, db, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.name == "hello" {
					if _, err := launch.ParseHandle(r.externalID); err != nil || r.status != ActionRunning {
						t.Errorf("request %d: hello = %s %q, want RUNNING with a handle", i+1, r.status, r.externalID)
					}
				}
			}
		}
		if res := runToEnd(t, e, ids[i]); res.Status != runner.Succeeded {
			t.Errorf("request %d: %+v", i+1, res)
		}
	}
	if got := readFile(t, filepath.Join(reqs[3].Dir, "hello", launch.StdoutFile)); got != "four|"+ids[3]+"|$HOME; rm -rf /" {
		t.Errorf("stdout of request 4 = %q", got)
	}
	if _, err := os.Stat(filepath.Join(reqs[2].Dir, snapshotName)); !os.IsNotExist(err) {
		t.Errorf("the unresolvable request has a snapshot (%v)", err)
	}
}

// TestStartAllFallsBack checks that a failure of the batch's transaction
// (one job's row refused by the database) leaves no launch behind and
// starts the requests one by one: the refused one fails alone.
func TestStartAllFallsBack(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	if _, err := db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON wf_jobs WHEN NEW.id = '0000001-batch-C@2-W0'
		BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	var reqs []runner.Request
	for n := 1; n <= 3; n++ {
		r := request(t, "basic", map[string]string{"greeting": fmt.Sprint(n)})
		r.ActionID = fmt.Sprintf("0000001-batch-C@%d", n)
		r.Dir = filepath.Join(root, fmt.Sprint(n), "0")
		reqs = append(reqs, r)
	}
	ids, errs := startAll(ctx, t, e, reqs)
	if errs[1] == nil || ids[1] != "" {
		t.Errorf("refused request: %q, %v; want an error", ids[1], errs[1])
	}
	for _, i := range []int{0, 2} {
		if errs[i] != nil {
			t.Fatalf("request %d: %v", i+1, errs[i])
		}
		if res := runToEnd(t, e, ids[i]); res.Status != runner.Succeeded {
			t.Errorf("request %d: %+v", i+1, res)
		}
		if got := readFile(t, filepath.Join(reqs[i].Dir, "hello", launch.StdoutFile)); got != fmt.Sprintf("%d|%s|$HOME; rm -rf /", i+1, ids[i]) {
			t.Errorf("request %d: stdout %q", i+1, got)
		}
	}
	// The refused request's batch launch never ran its command.
	if data, err := os.ReadFile(filepath.Join(reqs[1].Dir, "hello", launch.StdoutFile)); err == nil && len(data) > 0 {
		t.Errorf("the refused request's command ran: %q", data)
	}
}
