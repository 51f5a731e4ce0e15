package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/runner"
)

// escapeWorkflow links a <file> under a name taken from the job
// configuration, then runs true.
const escapeWorkflow = `<workflow-app name="escape" xmlns="uri:oozie:workflow:0.5"><start to="sh"/>
  <action name="sh"><shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec>
    <file>%s</file></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/></workflow-app>`

// TestFileLinkNameStaysInNodeDir is finding F5 of issue 11:
// <file>/etc/hostname#../../../../victim.txt</file> replaced a file outside
// the action's directory. A literal bad name is a positioned error of the
// definition; a name that EL computes fails the action, and nothing
// outside the node directory is touched.
func TestFileLinkNameStaysInNodeDir(t *testing.T) {
	for _, v := range []string{"/etc/hostname#../../../../victim.txt", "/etc/hostname#a/b", "/etc/hostname#..", "/etc/hostname#", "/"} {
		src := []byte(strings.Replace(escapeWorkflow, "%s", v, 1))
		_, diags := wfapp.Compile("workflow.xml", src)
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "Invalid <file> link name") {
			t.Errorf("%s: diagnostics %v", v, diags)
			continue
		}
		for _, d := range diags {
			if d.Subject == nil || d.Subject.Start.Line != 3 {
				t.Errorf("%s: %s at %v, want line 3", v, d.Summary, d.Subject)
			}
		}
	}
	if _, diags := wfapp.Compile("workflow.xml", []byte(strings.Replace(escapeWorkflow, "%s", "/etc/hostname#host.txt", 1))); diags.HasErrors() {
		t.Errorf("a plain name is refused: %v", diags)
	}

	app := t.TempDir()
	wf := strings.Replace(escapeWorkflow, "%s", "/etc/hostname#${wf:conf('linkName')}", 1)
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	base := t.TempDir()
	req := runner.Request{ActionID: "0000001-escape-C@1", AppPath: app, Conf: map[string]string{"linkName": "../../victim.txt"},
		User: "tester", Dir: filepath.Join(base, "a", "b")}
	victim := filepath.Join(base, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	res := runToEnd(t, e, id)
	if res.Status != runner.Failed || !strings.Contains(res.ErrorMessage, `the link name "../../victim.txt" is not a plain file name`) {
		t.Errorf("result %+v, want FAILED by the link name", res)
	}
	fi, err := os.Lstat(victim)
	if err != nil || fi.Mode()&os.ModeSymlink != 0 || readFile(t, victim) != "keep me" {
		t.Errorf("the file outside the node directory was replaced: %v %v", fi, err)
	}
}
