package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/ooziexml"
)

// TestFlinkAppPrivateDir is finding F4 of issue 11: another local user
// who prepares the directory the generated Flink workflow app goes to
// (here read-only, holding their own workflow.xml) must not get their
// workflow run. The app goes to a fresh 0700 directory of this process.
func TestFlinkAppPrivateDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	removeFlinkApps()
	t.Cleanup(removeFlinkApps)

	_, def := writeFlinkHCL(t)
	c := compileFlinkHCL(t, def)

	// What the old, predictable location would be for this content.
	probe, err := resolveAppPath(c, def)
	if err != nil {
		t.Fatal(err)
	}
	ours := ooziexml.FlinkWorkflow(probe)
	sum := sha256.Sum256(ours)
	planted := filepath.Join(tmp, "coordc-flink-apps", hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(planted, 0o755); err != nil {
		t.Fatal(err)
	}
	evil := []byte(`<workflow-app xmlns="uri:oozie:workflow:0.5" name="evil"/>`)
	if err := os.WriteFile(filepath.Join(planted, "workflow.xml"), evil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(planted, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(planted, 0o755) })

	rc, err := resolveAppPath(c, def)
	if err != nil {
		t.Fatal(err)
	}
	dir := rc.Action.AppPath.Value
	if strings.HasPrefix(dir, filepath.Join(tmp, "coordc-flink-apps")+string(filepath.Separator)) {
		t.Fatalf("the app went to the shared, predictable directory %s", dir)
	}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		fi, err := os.Lstat(d)
		if err != nil {
			t.Fatal(err)
		}
		if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want a 0700 directory", d, fi.Mode())
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "workflow.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(ours) {
		t.Errorf("workflow.xml = %s, want the generated one", got)
	}
}

// TestFlinkAppWriteErrorReported: a failing write is an error of
// resolveAppPath, never a silently missing or stale workflow.xml.
func TestFlinkAppWriteErrorReported(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	removeFlinkApps()
	t.Cleanup(removeFlinkApps)
	_, def := writeFlinkHCL(t)
	if _, err := resolveAppPath(compileFlinkHCL(t, def), def); err == nil || !strings.Contains(err.Error(), "cannot write the workflow app") {
		t.Fatalf("resolveAppPath = %v, want the write error", err)
	}
}

// compileFlinkHCL compiles the coordinator of flinkHCL in def.
func compileFlinkHCL(t *testing.T, def string) *ir.Coordinator {
	t.Helper()
	res, diags := compiler.Load([]string{def}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return res.Project.Coordinators[0]
}
