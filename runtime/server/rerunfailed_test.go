package server

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// inPlaceRunner is a runner whose workflows have ended; it cannot rerun
// them in place (rerunner can).
type inPlaceRunner struct{}

func (inPlaceRunner) Start(context.Context, runner.Request) (string, error) { return "", nil }
func (inPlaceRunner) Check(context.Context, string) (runner.Result, error) {
	return runner.Result{Status: runner.Failed}, nil
}
func (inPlaceRunner) Kill(context.Context, string) error    { return nil }
func (inPlaceRunner) Suspend(context.Context, string) error { return nil }
func (inPlaceRunner) Resume(context.Context, string) error  { return nil }

type rerunner struct{ inPlaceRunner }

func (rerunner) Rerun(context.Context, string, map[string]string) error { return nil }

// TestOozieRerunFailed: PUT /oozie/v2/job/{id}?action=coord-rerun&failed=true
// (Oozie's -rerun -failed) keeps the actions' workflow jobs, without
// failed=true they are cleared; a runner that cannot rerun workflows in
// place is refused with E1018.
func TestOozieRerunFailed(t *testing.T) {
	for _, canRerun := range []bool{true, false} {
		st, err := state.Open(statetest.Target(t, "coordc.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		f := &fixture{st: st, logDir: t.TempDir()}
		f.srv = New(Config{Store: st, LogDir: f.logDir, Version: "test", NewScheduler: func() *scheduler.Scheduler {
			load := func(context.Context, state.Job) (*ir.Coordinator, error) { return &ir.Coordinator{}, nil }
			var r runner.Runner = inPlaceRunner{}
			if canRerun {
				r = rerunner{}
			}
			return &scheduler.Scheduler{Store: st, Dir: f.logDir, Load: load, Runner: r}
		}}, nil)
		f.ts = httptest.NewServer(f.srv.Handler())
		t.Cleanup(f.ts.Close)
		id := f.seed(t, "alpha", 2)
		for n := 1; n <= 2; n++ {
			if _, err := st.DB().Exec(`UPDATE coord_actions SET status = 'FAILED', external_id = ? WHERE id = ?`,
				state.ActionID(id, n)+"-W0", state.ActionID(id, n)); err != nil {
				t.Fatal(err)
			}
		}
		status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=coord-rerun&type=action&scope=1&failed=true&nocleanup=true", "")
		if !canRerun {
			wantError(t, "rerun failed=true without an in-place runner", status, hdr, 400, "E1018")
			continue
		}
		if status != 200 {
			t.Fatalf("rerun failed=true: %d %v", status, hdr)
		}
		if status, _, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=coord-rerun&type=action&scope=2&nocleanup=true", ""); status != 200 {
			t.Fatalf("rerun: %d", status)
		}
		for n, want := range map[int]string{1: state.ActionID(id, 1) + "-W0", 2: ""} {
			a, err := st.GetAction(context.Background(), state.ActionID(id, n))
			if err != nil {
				t.Fatal(err)
			}
			if a.Status != state.Waiting || a.ExternalID != want {
				t.Errorf("action %d: %s %q, want WAITING %q", n, a.Status, a.ExternalID, want)
			}
		}
	}
}
