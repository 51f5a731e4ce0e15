package loop

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// doneRunner starts every workflow and reports it SUCCEEDED at its first
// check.
type doneRunner struct{}

func (doneRunner) Start(_ context.Context, req runner.Request) (string, error) {
	return req.ActionID + "-W", nil
}
func (doneRunner) Check(context.Context, string) (runner.Result, error) {
	return runner.Result{Status: runner.Succeeded}, nil
}
func (doneRunner) Kill(context.Context, string) error    { return nil }
func (doneRunner) Suspend(context.Context, string) error { return nil }
func (doneRunner) Resume(context.Context, string) error  { return nil }

// TestTickAgain: AfterTick learns that the loop ticks again at once while
// a job's backlog of past actions is worked off, and not after the tick
// that started the last of them. 72 actions are due at once, with
// concurrency 50: the first tick materializes and claims them in rounds of
// 12 (the throttle) until 50 are started, and more are due, so the loop
// ticks again at once; the second checks the 50 (SUCCEEDED) and starts the
// last 22, and what is left then is running actions, checked at the poll
// interval, and nothing to materialize or start.
func TestTickAgain(t *testing.T) {
	ctx := context.Background()
	l := newLoop(t)
	start := time.Now().UTC().Truncate(time.Hour).Add(-6 * time.Hour)
	xml := fmt.Sprintf(`<coordinator-app name="again" frequency="${coord:minutes(5)}" start="%s" end="%s" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>50</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>`, start.Format("2006-01-02T15:04Z"), start.Add(6*time.Hour).Format("2006-01-02T15:04Z"))
	path := filepath.Join(t.TempDir(), "coordinator.xml")
	if err := os.WriteFile(path, []byte(xml), 0o600); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatalf("compile: %v", diags)
	}
	l.Scheduler.Runner = doneRunner{}
	job, err := l.Scheduler.Submit(ctx, res.Project.Coordinators[0], scheduler.Meta{AppPath: path})
	if err != nil {
		t.Fatal(err)
	}
	var again []bool
	var left map[state.ActionStatus]int
	l.AfterTick = func(work context.Context, tick Tick) (bool, error) {
		if tick.Err != nil {
			t.Errorf("tick: %v", tick.Err)
		}
		again = append(again, tick.Again)
		if tick.Again {
			return false, nil
		}
		left, err = l.Store.CountByStatus(work, job, state.Waiting, state.Ready, state.Submitted, state.Running)
		return true, err
	}
	if err := l.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false}, again); diff != "" {
		t.Errorf("Again per tick (-want +got):\n%s", diff)
	}
	want := map[state.ActionStatus]int{state.Waiting: 0, state.Ready: 0, state.Submitted: 0, state.Running: 22}
	if diff := cmp.Diff(want, left); diff != "" {
		t.Errorf("actions after the last tick followed at once (-want +got):\n%s", diff)
	}
}
