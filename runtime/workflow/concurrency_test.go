package workflow

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/coordc/coordc/runtime/runner"
)

// TestConcurrentEngines: two engines (two coordc processes) drive the same
// job at the same time; the command runs once and both see the result.
func TestConcurrentEngines(t *testing.T) {
	db, path := newDB(t)
	log := filepath.Join(t.TempDir(), "log")
	req := request(t, "sleep", map[string]string{"seconds": "0.2", "log": log})
	engines := []*Engine{newEngine(db, &clock{t: epoch}), newEngine(openDB(t, path), &clock{t: epoch})}
	ids := make([]string, 2)
	results := make([]runner.Result, 2)
	var wg sync.WaitGroup
	for i, e := range engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := e.Start(context.Background(), req)
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = id
			if results[i], err = checkToEnd(e, id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ids[0] != ids[1] {
		t.Errorf("two jobs: %v", ids)
	}
	for i, r := range results {
		if r.Status != runner.Succeeded {
			t.Errorf("engine %d: %+v", i, r)
		}
	}
	if got := readFile(t, log); got != "woke\n" {
		t.Errorf("log = %q, want exactly one run", got)
	}
}
