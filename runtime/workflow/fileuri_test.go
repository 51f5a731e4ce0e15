package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/runner"
)

// TestFsDeleteFileURIWithHost is finding F6 of issue 11: an fs delete of
// file://victim/sub deleted ./victim/sub, relative to apply's working
// directory. A file: URI with a host is an error and nothing is deleted.
func TestFsDeleteFileURIWithHost(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	victim := filepath.Join(cwd, "victim", "sub")
	if err := os.MkdirAll(victim, 0o755); err != nil {
		t.Fatal(err)
	}
	app := t.TempDir()
	wf := `<workflow-app name="del" xmlns="uri:oozie:workflow:0.5"><start to="ops"/>
  <action name="ops"><fs><delete path="${target}"/></fs><ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>${wf:errorCode('ops')}: ${wf:errorMessage('ops')}</message></kill>
  <end name="end"/></workflow-app>`
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"file://victim/sub", "file:victim/sub"} {
		db, _ := newDB(t)
		e := newEngine(db, &clock{t: epoch})
		req := runner.Request{ActionID: "0000001-del-C@1", AppPath: app, Conf: map[string]string{"target": target},
			User: "tester", Dir: t.TempDir()}
		id, err := e.Start(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		res := runToEnd(t, e, id)
		if res.Status != runner.Killed || !strings.Contains(res.ErrorMessage, "file: URI") {
			t.Errorf("%s: %+v, want KILLED with the file: URI error", target, res)
		}
		if _, err := os.Stat(victim); err != nil {
			t.Fatalf("%s deleted ./victim/sub: %v", target, err)
		}
	}
}
