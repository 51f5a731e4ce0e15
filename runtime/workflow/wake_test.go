package workflow

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/google/go-cmp/cmp"
)

// wakes records the job IDs an Engine's Wake is called with.
type wakes struct {
	mu  sync.Mutex
	ids []string
}

func (w *wakes) wake(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ids = append(w.ids, id)
}

// take returns the IDs recorded so far, sorted, and forgets them.
func (w *wakes) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	ids := slices.Sorted(slices.Values(w.ids))
	w.ids = nil
	return ids
}

// waitFor waits until every ID of want was recorded, and forgets them.
func (w *wakes) waitFor(t *testing.T, want ...string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		w.mu.Lock()
		all := true
		for _, id := range want {
			all = all && slices.Contains(w.ids, id)
		}
		if all {
			w.ids = slices.DeleteFunc(w.ids, func(id string) bool { return slices.Contains(want, id) })
		}
		w.mu.Unlock()
		if all {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no wake for %v within 10s", want)
		}
	}
}

// TestStartWakes: Start and StartAll wake a job they return with work
// for Check (its first node not launched: an fs action, a fork; or a job
// that existed already) before returning; a job left running its first
// shell action wakes when the action ends.
func TestStartWakes(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	var w wakes
	e.Wake = w.wake
	sleepReq := func(n string) runner.Request {
		req := request(t, "sleep", map[string]string{"seconds": "0.3", "log": filepath.Join(t.TempDir(), "log")})
		req.ActionID = "0000001-sleep-C@" + n
		return req
	}
	reqs := []runner.Request{
		sleepReq("1"),
		request(t, "fs", map[string]string{"out": t.TempDir()}),
		sleepReq("2"),
		request(t, "forkjoin", map[string]string{"status": "ok", "out": t.TempDir()}),
	}
	ids, errs := startAll(ctx, t, e, reqs)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values([]string{ids[1], ids[3]})), w.take()); diff != "" {
		t.Errorf("woken by StartAll (-want +got):\n%s", diff)
	}
	w.waitFor(t, ids[0], ids[2]) // their shell actions ended

	// Started again (as after a crash): every job exists.
	again, errs := startAll(ctx, t, e, reqs)
	if errs[0] != nil || !slices.Equal(again, ids) {
		t.Fatalf("StartAll again = %v, %v; want %v", again, errs, ids)
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values(ids)), w.take()); diff != "" {
		t.Errorf("woken by StartAll of existing jobs (-want +got):\n%s", diff)
	}

	// Start alone.
	fs := request(t, "fs", map[string]string{"out": t.TempDir()})
	fs.ActionID = "0000001-fs-C@2"
	fsID, err := e.Start(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{fsID}, w.take()); diff != "" {
		t.Errorf("woken by Start of an fs job (-want +got):\n%s", diff)
	}
	sleepID, err := e.Start(ctx, sleepReq("3"))
	if err != nil {
		t.Fatal(err)
	}
	if got := w.take(); len(got) != 0 {
		t.Errorf("Start of a shell job woke %v before its action ended", got)
	}
	w.waitFor(t, sleepID)
	if _, err := e.Start(ctx, sleepReq("3")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{sleepID}, w.take()); diff != "" {
		t.Errorf("woken by Start of an existing job (-want +got):\n%s", diff)
	}
}
