package workflow

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// TestBookkeepingWriteFailure injects a failing state write (a full disk:
// a trigger aborts the statement with SQLite's message) at the two commits
// of a shell action: its process handle and its outcome. While the write
// fails, the action must stay in a state that is checked again, never end
// FAILED or KILLED; once the disk has room it succeeds, having run once.
// Before the fix a failed handle commit ended the action FAILED
// (LAUNCH_ERROR).
func TestBookkeepingWriteFailure(t *testing.T) {
	for name, when := range map[string]string{
		"handle":  `NEW.external_id LIKE 'pid:%'`,
		"outcome": `NEW.status = 'OK'`,
	} {
		t.Run(name, func(t *testing.T) {
			db, _ := newDB(t)
			if _, err := db.Exec(`CREATE TRIGGER disk_full BEFORE UPDATE ON wf_actions WHEN ` + when +
				` BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
				t.Fatal(err)
			}
			e := newEngine(db, &clock{t: epoch})
			req := request(t, "basic", map[string]string{"greeting": "once"})
			ctx := context.Background()
			id, err := e.Start(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			for range 20 {
				res, _ := e.Check(ctx, id) // errors are expected: the write fails
				if res.Status.Terminal() {
					t.Fatalf("while the disk is full: %s, want a state that is checked again", res.Status)
				}
				if st := nodes(t, db, id)["hello"]; st != "PREP" && st != "RUNNING" {
					t.Fatalf("node hello is %s while the disk is full", st)
				}
			}
			if _, err := db.Exec(`DROP TRIGGER disk_full`); err != nil {
				t.Fatal(err)
			}
			if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
				t.Errorf("after the disk has room: %+v, want SUCCEEDED", res)
			}
			if out := readFile(t, filepath.Join(req.Dir, "hello", launch.StdoutFile)); out != "once|"+id+"|$HOME; rm -rf /" {
				t.Errorf("stdout = %q", out)
			}
		})
	}
}
