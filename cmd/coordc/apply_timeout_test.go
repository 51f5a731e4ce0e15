package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/sshrun/sshtest"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/workflow/javatest"
)

// applyTimedOut runs `coordc apply --until-done` in dir and checks that
// every coordinator action's workflow was killed through the error
// transition of its first action, which ended in error TIMEOUT.
func applyTimedOut(t *testing.T, dir string, args ...string) {
	t.Helper()
	c := startChild(t, dir, append([]string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms"}, args...)...)
	if code := c.wait(); code != exitProblems {
		t.Fatalf("apply: exit %d, want 1\n%s", code, c.stderr)
	}
	db := filepath.Join(dir, "state.db")
	rep := statusOf(t, "--state", db)
	if len(rep.Jobs) != 1 || len(rep.Jobs[0].Actions) == 0 {
		t.Fatalf("status %+v", rep)
	}
	for _, a := range rep.Jobs[0].Actions {
		if a.Status != state.Killed {
			t.Errorf("action %d is %s, want KILLED\n%s", a.Number, a.Status, c.stderr)
		}
	}
	stdout, stderr, code := coordc(t, "logs", "--state", db, rep.Jobs[0].ID)
	if code != exitOK || strings.Count(stdout, "TIMEOUT") < len(rep.Jobs[0].Actions) {
		t.Errorf("logs (exit %d) do not show a TIMEOUT per action:\n%s%s", code, stdout, stderr)
	}
}

// TestApplyJavaTimeout: with coordc.action.timeout among the job
// properties, apply kills a JVM that runs longer (the probe sleeps a
// minute, the timeout is 1s) and the action takes its error transition.
func TestApplyJavaTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs JVMs")
	}
	dir := t.TempDir()
	app := map[string]string{}
	for name, data := range javaApply {
		app[name] = strings.Replace(data, "<arg>1500</arg>", "<arg>60000</arg>", 1) // far beyond the timeout, also under load
	}
	writeTree(t, dir, app)
	javatest.BuildJar(t, filepath.Join(dir, "wf", "lib", "probe.jar"))
	applyTimedOut(t, dir, "-D", "started="+filepath.Join(dir, "started"), "-D", "coordc.action.timeout=1s", "coordinator.xml")
}

// TestApplySSHTimeout: the same for a remote command on a real sshd,
// killed on the remote host.
func TestApplySSHTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an sshd")
	}
	srv := sshtest.Start(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".coordc.hcl": fmt.Sprintf("runtime {\n  ssh {\n    known_hosts    = [%q]\n    identity_files = [%q]\n    remote_dir     = %q\n  }\n}\n",
			srv.KnownHosts, srv.Identity, srv.Dir),
		"coordinator.xml": `<coordinator-app name="ssh" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-02T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="ssh-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="remote"/>
  <action name="remote">
    <ssh xmlns="uri:oozie:ssh-action:0.2">
      <host>${host}</host>
      <command>sleep</command>
      <arg>30</arg>
    </ssh>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorCode('remote')}</message></kill>
  <end name="end"/>
</workflow-app>
`})
	applyTimedOut(t, dir, "-D", "host="+srv.Target(), "-D", "coordc.action.timeout=1s", "coordinator.xml")
}
