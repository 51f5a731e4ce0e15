package lint

import (
	"os"
	"path/filepath"
	"testing"
)

// TestXMLKinds: a run reads each file's root element once (the kind
// outlives the file), contents from memory are sniffed every time, and a
// nil XMLKinds remembers nothing.
func TestXMLKinds(t *testing.T) {
	dir := t.TempDir()
	wf := filepath.Join(dir, "workflow.xml")
	pom := filepath.Join(dir, "pom.xml")
	os.WriteFile(wf, []byte(`<workflow-app name="w" xmlns="uri:oozie:workflow:0.5"/>`), 0o644)
	os.WriteFile(pom, []byte(`<project/>`), 0o644)
	kinds := XMLKinds{}
	found, err := Discover(&Config{Dir: dir}, kinds)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0] != wf {
		t.Errorf("Discover = %v, want [%s]", found, wf)
	}
	os.Remove(wf)
	os.Remove(pom)
	if !kinds.IsWorkflow(wf, nil) || !kinds.Skipped(pom, nil) {
		t.Error("the kinds sniffed by Discover are not remembered")
	}
	if kinds.IsWorkflow(wf, []byte(`<coordinator-app/>`)) {
		t.Error("contents from memory are not sniffed")
	}
	var none XMLKinds
	if none.IsWorkflow(wf, nil) {
		t.Error("a nil XMLKinds remembered a kind")
	}
}
