package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/runner"
)

// subApp writes a parent workflow (a sub-workflow action on the
// application "child" beside it) and the child (a shell action appending
// ${greeting} ${extra} to ${log}, then sleeping ${seconds}).
func subApp(t *testing.T) string {
	t.Helper()
	app := t.TempDir()
	writeFiles(t, app, map[string]string{
		"workflow.xml": `<workflow-app name="parent" xmlns="uri:oozie:workflow:0.5">
  <start to="sub"/>
  <action name="sub">
    <sub-workflow>
      <app-path>child</app-path>
      <propagate-configuration/>
      <configuration><property><name>extra</name><value>from ${wf:name()}</value></property></configuration>
    </sub-workflow>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorCode('sub')} ${wf:errorMessage('sub')}</message></kill>
  <end name="end"/>
</workflow-app>
`,
		"child/workflow.xml": `<workflow-app name="child" xmlns="uri:oozie:workflow:0.5">
  <start to="say"/>
  <action name="say">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>echo "$1" &gt;&gt; "$2"; sleep "$3"; exit "$4"</argument>
      <argument>say</argument>
      <argument>${greeting} ${extra}</argument>
      <argument>${log}</argument>
      <argument>${seconds}</argument>
      <argument>${code}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>child failed</message></kill>
  <end name="end"/>
</workflow-app>
`})
	return app
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSubWorkflow: the child is a workflow job of its own whose parent_id
// is the action; propagate-configuration passes the parent's properties
// and the action's configuration is added; the child's failure is the
// action's error.
func TestSubWorkflow(t *testing.T) {
	app := subApp(t)
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	for i, tc := range []struct {
		code string
		want runner.Status
		msg  string
	}{{"0", runner.Succeeded, ""}, {"4", runner.Killed, "E0729 Sub-workflow 0000001-sub-C@2-W0@sub-W0 ended KILLED: child failed"}} {
		log := filepath.Join(t.TempDir(), "log")
		req := runner.Request{ActionID: "0000001-sub-C@" + string(rune('1'+i)), AppPath: app, User: "tester", Dir: t.TempDir(),
			Conf: map[string]string{"greeting": "hello", "log": log, "seconds": "0", "code": tc.code}}
		id, err := e.Start(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		res := runToEnd(t, e, id)
		if res.Status != tc.want || res.ErrorMessage != tc.msg {
			t.Fatalf("result %+v", res)
		}
		if got := readFile(t, log); got != "hello from parent\n" {
			t.Errorf("child ran with %q", got)
		}
		child, err := loadJob(context.Background(), db, id+"@sub-W0")
		if err != nil {
			t.Fatal(err)
		}
		if child.parentID != id+"@sub" || child.appName != "child" {
			t.Errorf("child job: parent %q, app %q", child.parentID, child.appName)
		}
	}
}

// TestSubWorkflowKill: killing the parent kills the child and what it
// runs.
func TestSubWorkflowKill(t *testing.T) {
	app := subApp(t)
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	req := runner.Request{ActionID: "0000001-sub-C@9", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"greeting": "hello", "log": filepath.Join(t.TempDir(), "log"), "seconds": "60", "code": "0"}}
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	waitRunning(t, e, id, "sub")
	childID := id + "@sub-W0"
	say := waitRunning(t, e, childID, "say")
	if err := e.Kill(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	child, err := loadJob(context.Background(), db, childID)
	if err != nil || child.status != runner.Killed {
		t.Fatalf("child %+v, %v", child, err)
	}
	if alive(t, e, say) {
		t.Error("the child's shell action survived the kill")
	}
}

// TestSubWorkflowDepth: a workflow that starts itself stops at the depth
// limit with a clear error, and the failure goes up the chain.
func TestSubWorkflowDepth(t *testing.T) {
	app := t.TempDir()
	writeFiles(t, app, map[string]string{"workflow.xml": `<workflow-app name="rec" xmlns="uri:oozie:workflow:0.5">
  <start to="again"/>
  <action name="again">
    <sub-workflow><app-path>${self}</app-path><propagate-configuration/></sub-workflow>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorMessage('again')}</message></kill>
  <end name="end"/>
</workflow-app>
`})
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	id, err := e.Start(context.Background(), runner.Request{ActionID: "0000001-rec-C@1", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"self": app}})
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Killed {
		t.Fatalf("result %+v", res)
	}
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM wf_jobs`).Scan(&n)
	if n != MaxSubWorkflowDepth+1 {
		t.Errorf("%d workflow jobs, want %d", n, MaxSubWorkflowDepth+1)
	}
	deepest := id + strings.Repeat("@again-W0", MaxSubWorkflowDepth)
	job, err := loadJob(context.Background(), db, deepest)
	if err != nil || !strings.Contains(job.errorMessage, "Sub-workflow depth limit [50] exceeded") {
		t.Errorf("deepest job %v: %+v", err, job)
	}
}
