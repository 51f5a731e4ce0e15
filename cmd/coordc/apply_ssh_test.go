package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/sshrun/sshtest"
)

// TestApplySSHCrash runs ssh actions through coordc apply against a real
// sshd (configured in the runtime block of .coordc.hcl), and SIGKILLs apply
// while the remote commands run: the restarted apply finds them through
// their remote run records, so each command ran once, and the captured
// output reaches the workflow's decision.
func TestApplySSHCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	srv := sshtest.Start(t)
	dir := t.TempDir()
	ran := filepath.Join(dir, "ran")
	writeTree(t, dir, map[string]string{
		".coordc.hcl": fmt.Sprintf(`runtime {
  ssh {
    known_hosts    = [%q]
    identity_files = [%q]
    remote_dir     = %q
  }
}
`, srv.KnownHosts, srv.Identity, srv.Dir),
		"coordinator.xml": `<coordinator-app name="ssh" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>2</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="ssh-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="remote"/>
  <action name="remote">
    <ssh xmlns="uri:oozie:ssh-action:0.2">
      <host>${host}</host>
      <command>sh</command>
      <arg>-c</arg>
      <arg>echo "$1" &gt;&gt; "$2"; sleep 2; echo "id=$1"</arg>
      <arg>remote</arg>
      <arg>${wf:id()}</arg>
      <arg>${ran}</arg>
      <capture-output/>
    </ssh>
    <ok to="check"/>
    <error to="fail"/>
  </action>
  <decision name="check">
    <switch>
      <case to="end">${wf:actionData('remote')['id'] eq wf:id()}</case>
      <default to="fail"/>
    </switch>
  </decision>
  <kill name="fail"><message>${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/>
</workflow-app>
`})
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "-D", "host=" + srv.Target(), "-D", "ran=" + ran, "coordinator.xml"}
	data := killOnceStarted(t, dir, ran, "remote command", 30*time.Second, args)
	lines := strings.Fields(data)
	if len(lines) != 2 || lines[0] == lines[1] {
		t.Errorf("remote runs %q, want one per coordinator action", lines)
	}
	checkAllSucceeded(t, filepath.Join(dir, "state.db"))
}
