package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sshrun"
	"github.com/coordc/coordc/runtime/sshrun/sshtest"
)

const sshWorkflow = `<workflow-app name="ssh-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="remote"/>
  <action name="remote">
    <ssh xmlns="uri:oozie:ssh-action:0.2">
      <host>${host}</host>
      <command>sh</command>
      <arg>-c</arg>
      <arg>printf 'first=%s\nsecond=%s\n' "$1" "$2"; exit ${code}</arg>
      <arg>script</arg>
      <arg>${first}</arg>
      <arg>it's $(not run)</arg>
      <capture-output/>
    </ssh>
    <ok to="split"/>
    <error to="fail"/>
  </action>
  <action name="split">
    <ssh xmlns="uri:oozie:ssh-action:0.1">
      <host>${host}</host>
      <command>test</command>
      <args>a  =</args>
      <args>a</args>
    </ssh>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:lastErrorNode()} ${wf:errorCode(wf:lastErrorNode())}</message></kill>
  <end name="end"/>
</workflow-app>
`

func sshEngine(t *testing.T, srv *sshtest.Server) *Engine {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	c, err := sshrun.New(sshrun.Config{KnownHosts: []string{srv.KnownHosts}, IdentityFiles: []string{srv.Identity}, RemoteDir: srv.Dir})
	if err != nil {
		t.Fatal(err)
	}
	e.SSH = c
	return e
}

// TestSSHAction runs ssh actions against a real sshd: <arg>s arrive as
// single words (never run by the remote shell), <args> are split on
// whitespace, stdout is captured for wf:actionData, and a non-zero exit
// status is the action's error code.
func TestSSHAction(t *testing.T) {
	srv := sshtest.Start(t)
	app := t.TempDir()
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(sshWorkflow), 0o644); err != nil {
		t.Fatal(err)
	}
	e := sshEngine(t, srv)
	for i, tc := range []struct {
		code string
		want runner.Status
		msg  string
	}{{"0", runner.Succeeded, ""}, {"3", runner.Killed, "remote 3"}} {
		req := runner.Request{ActionID: "0000001-ssh-C@" + string(rune('1'+i)), AppPath: app, User: "tester", Dir: t.TempDir(),
			Conf: map[string]string{"host": srv.Target(), "first": "a b", "code": tc.code}}
		id, err := e.Start(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		res := runToEnd(t, e, id)
		if res.Status != tc.want || res.ErrorMessage != tc.msg {
			t.Fatalf("exit %s: result %+v", tc.code, res)
		}
		if tc.want != runner.Succeeded {
			continue
		}
		rows, _ := loadActions(context.Background(), e.db, id)
		for _, r := range rows {
			if r.name == "remote" {
				if diff := cmp.Diff(map[string]string{"first": "a b", "second": "it's $(not run)"}, r.data); diff != "" {
					t.Errorf("actionData (-want +got):\n%s", diff)
				}
				if !strings.HasPrefix(r.externalID, "ssh:"+srv.User+"@127.0.0.1:") {
					t.Errorf("external id %q", r.externalID)
				}
			}
		}
	}
}

// TestSSHKill: killing the job stops the remote command.
func TestSSHKill(t *testing.T) {
	srv := sshtest.Start(t)
	app := t.TempDir()
	wf := strings.Replace(sshWorkflow, `exit ${code}`, `sleep 60`, 1)
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	e := sshEngine(t, srv)
	req := runner.Request{ActionID: "0000001-ssh-C@9", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"host": srv.Target(), "first": "x", "code": "0"}}
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	row := waitRunning(t, e, id, "remote")
	if err := e.Kill(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	tgt, rec, err := e.sshRecord(row)
	if err != nil {
		t.Fatal(err)
	}
	if st, _, err := e.SSH.Status(context.Background(), tgt, rec.Run); err != nil || st == sshrun.Running {
		t.Errorf("remote command after kill: %v, %v", st, err)
	}
	if got := nodes(t, e.db, id)["remote"]; got != "KILLED" {
		t.Errorf("remote is %s", got)
	}
}
