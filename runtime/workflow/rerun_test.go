package workflow

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/runtime/runner"
)

// rerunWorkflow: "a" appends to ${log} and captures k=v; "b" appends
// ${wf:actionData('a')['k']} and ${suffix}, and fails while ${flag} is
// missing.
const rerunWorkflow = `<workflow-app name="rerun" xmlns="uri:oozie:workflow:0.5">
  <start to="a"/>
  <action name="a">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>echo a &gt;&gt; "$1"; echo k=from-a</argument>
      <argument>sh</argument>
      <argument>${log}</argument>
      <capture-output/>
    </shell>
    <ok to="b"/>
    <error to="fail"/>
  </action>
  <action name="b">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>[ -e "$2" ] &amp;&amp; echo "b $3" &gt;&gt; "$1"</argument>
      <argument>sh</argument>
      <argument>${log}</argument>
      <argument>${flag}</argument>
      <argument>${wf:actionData('a')['k']}${suffix}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>b failed</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestRerun: a workflow rerun (Oozie's job -rerun with
// oozie.wf.rerun.skip.nodes or oozie.wf.rerun.failnodes) keeps the job ID,
// runs only the nodes not skipped (the skipped ones keep their transition
// and wf:actionData), merges the new properties over the job's, keeps the
// earlier node directories, and refuses what Oozie refuses with its codes.
func TestRerun(t *testing.T) {
	app := t.TempDir()
	writeFiles(t, app, map[string]string{"workflow.xml": rerunWorkflow})
	tmp := t.TempDir()
	log, flag := filepath.Join(tmp, "log"), filepath.Join(tmp, "flag")
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	req := runner.Request{ActionID: "0000001-rr-C@1", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"log": log, "flag": flag, "suffix": ""}}
	id, err := e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Killed {
		t.Fatalf("first run: %+v", res)
	}
	refused := []struct {
		conf map[string]string
		code diag.Code
		msg  string
	}{
		{map[string]string{}, "E0401", "Missing configuration property [oozie.wf.rerun.skip.nodes OR oozie.wf.rerun.failnodes]"},
		{map[string]string{ConfRerunSkipNodes: "a", ConfRerunFailNodes: "true"}, "E0404", "Only one of the properties are allowed [oozie.wf.rerun.skip.nodes OR oozie.wf.rerun.failnodes]"},
		{map[string]string{ConfRerunSkipNodes: "a,b"}, "E0806", "Action did not complete in previous run, action [b]"},
		{map[string]string{ConfRerunSkipNodes: "zz, a,end"}, "E0807", "Some skip actions were not executed [zz,end]"},
	}
	for _, tc := range refused {
		var re *RerunError
		if err := e.Rerun(ctx, id, tc.conf); !errors.As(err, &re) || re.Code != tc.code || re.Msg != tc.msg {
			t.Errorf("Rerun(%v): %v, want %s: %s", tc.conf, err, tc.code, tc.msg)
		}
	}
	if got := readFile(t, log); got != "a\n" {
		t.Fatalf("a refused rerun ran something: %q", got)
	}

	os.WriteFile(flag, nil, 0o644)
	if err := e.Rerun(ctx, id, map[string]string{ConfRerunFailNodes: "true", "suffix": "-1"}); err != nil {
		t.Fatal(err)
	}
	var re *RerunError
	if err := e.Rerun(ctx, id, map[string]string{ConfRerunFailNodes: "true"}); !errors.As(err, &re) || re.Error() != "E0805: Workflow job not completed, status [RUNNING]" {
		t.Errorf("rerun of a running job: %v", err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("rerun with failnodes: %+v", res)
	}
	if got := readFile(t, log); got != "a\nb from-a-1\n" {
		t.Errorf("after the failnodes rerun the log is %q", got)
	}

	if err := e.Rerun(ctx, id, map[string]string{ConfRerunSkipNodes: " a ", "suffix": "-2"}); err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("rerun skipping a: %+v", res)
	}
	if got := readFile(t, log); got != "a\nb from-a-1\nb from-a-2\n" {
		t.Errorf("after the skip-nodes rerun the log is %q", got)
	}
	if diff := cmp.Diff(map[string]string{StartNode: "OK", "a": "OK", "b": "OK", "end": "OK"}, nodes(t, db, id)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	for _, d := range []string{"b.rerun-0", "b.rerun-1", "b"} {
		if _, err := os.Stat(filepath.Join(req.Dir, d, "stderr")); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}

	// Everything again, without skipping: an empty skip list.
	if err := e.Rerun(ctx, id, map[string]string{ConfRerunSkipNodes: "", "suffix": "-3"}); err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("full rerun: %+v", res)
	}
	if got := readFile(t, log); got != "a\nb from-a-1\nb from-a-2\na\nb from-a-3\n" {
		t.Errorf("after the full rerun the log is %q", got)
	}
	if _, err := os.Stat(filepath.Join(req.Dir, "a.rerun-0")); err != nil {
		t.Errorf("a's first directory: %v", err)
	}
}

// TestRerunSubWorkflow: a sub-workflow action that a rerun runs again
// starts a new child job under the same ID (the old child and its nodes
// are replaced), with the merged configuration.
func TestRerunSubWorkflow(t *testing.T) {
	app := subApp(t)
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	log := filepath.Join(t.TempDir(), "log")
	id, err := e.Start(ctx, runner.Request{ActionID: "0000001-sub-C@4", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"greeting": "hello", "log": log, "seconds": "0", "code": "4"}})
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Killed {
		t.Fatalf("first run: %+v", res)
	}
	if err := e.Rerun(ctx, id, map[string]string{ConfRerunFailNodes: "true", "code": "0", "greeting": "again"}); err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("rerun: %+v", res)
	}
	child, err := loadJob(ctx, db, id+"@sub-W0")
	if err != nil || child.status != runner.Succeeded || child.conf["code"] != "0" {
		t.Fatalf("child %+v, %v", child, err)
	}
	if got := readFile(t, log); got != "hello from parent\nagain from parent\n" {
		t.Errorf("log %q", got)
	}
}
