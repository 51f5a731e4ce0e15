package workflow

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/runtime/runner"
)

// TestPrepare checks that Prepare creates a new run directory with the
// definition snapshot and the first shell action's directory, that Start
// then runs the job from that snapshot, and that Prepare leaves alone a
// directory it did not create and a definition that does not resolve.
func TestPrepare(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	req := request(t, "basic", map[string]string{"greeting": "hi"})
	req.Dir = filepath.Join(req.Dir, "1", "0")
	e.Prepare(ctx, req)
	snap := filepath.Join(req.Dir, snapshotName)
	prepared, err := os.Stat(snap)
	if err != nil {
		t.Fatalf("no snapshot after Prepare: %v", err)
	}
	if info, err := os.Stat(filepath.Join(req.Dir, "hello")); err != nil || !info.IsDir() || info.Mode().Perm()&^0o700 != 0 {
		t.Errorf("first shell action's directory: %v, %v", info, err)
	}
	id, err := e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Errorf("result = %+v", res)
	}
	if info, err := os.Stat(snap); err != nil || !os.SameFile(info, prepared) {
		t.Errorf("Start replaced the prepared snapshot (%v)", err)
	}
	if got := readFile(t, filepath.Join(req.Dir, "hello", "stdout")); got != "hi|"+id+"|$HOME; rm -rf /" {
		t.Errorf("stdout = %q", got)
	}

	// An existing directory (an earlier Start of the request) is left alone.
	old := request(t, "basic", map[string]string{"greeting": "hi"})
	oldSnap := filepath.Join(old.Dir, snapshotName)
	if err := os.WriteFile(oldSnap, []byte("<workflow-app/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.Prepare(ctx, old)
	if got := readFile(t, oldSnap); got != "<workflow-app/>" {
		t.Errorf("Prepare replaced the snapshot of an existing directory: %q", got)
	}
	entries, _ := os.ReadDir(old.Dir)
	if len(entries) != 1 {
		t.Errorf("Prepare added to an existing directory: %v", entries)
	}

	// A definition that does not resolve (a required parameter missing):
	// nothing is created, and Start reports the error.
	bad := request(t, "params", nil)
	bad.Dir = filepath.Join(bad.Dir, "1", "0")
	e.Prepare(ctx, bad)
	if _, err := os.Stat(filepath.Dir(bad.Dir)); !os.IsNotExist(err) {
		t.Errorf("Prepare of an unresolvable definition created %s (%v)", filepath.Dir(bad.Dir), err)
	}
	_, err = e.Start(ctx, bad)
	var de *DefinitionError
	if !errors.As(err, &de) {
		t.Errorf("Start of the unresolvable definition: %v, want a DefinitionError", err)
	}
}
