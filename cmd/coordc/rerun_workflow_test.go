package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
)

// TestRerunWorkflowJob: `coordc rerun WFJOB` reruns a coordinator
// action's workflow job in place (Oozie's job -rerun of a workflow):
// Oozie's refusals exit 1 with its codes, -D oozie.wf.rerun.skip.nodes and
// --failnodes skip the nodes that ended OK, -D properties are merged over
// the workflow's configuration, and the action and job end again with the
// workflow under the next apply.
func TestRerunWorkflowJob(t *testing.T) {
	dir := t.TempDir()
	log, flag := filepath.Join(dir, "log"), filepath.Join(dir, "flag")
	writeTree(t, dir, rerunApp("2024-01-02T00:00Z", ""))
	db := stateDB(t, dir)
	coord := filepath.Join(dir, "coordinator.xml")
	apply := func(want int) {
		t.Helper()
		if stdout, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "20ms", "-D", "log="+log, "-D", "flag="+flag, coord); code != want {
			t.Fatalf("apply: exit %d, want %d\n%s%s", code, want, stdout, stderr)
		}
	}
	apply(exitProblems)
	const job = "0000001-wfrerun-C"
	wf := job + "@1-W0"
	check := func(jobStatus state.JobStatus, actionStatus state.ActionStatus, log_ string) {
		t.Helper()
		rep := statusOf(t, "--state", db)
		if j := rep.Jobs[0]; j.Status != jobStatus || j.Actions[0].Status != actionStatus || j.Actions[0].ExternalID != wf {
			t.Errorf("job %s %s, action %s %s", j.ID, j.Status, j.Actions[0].ExternalID, j.Actions[0].Status)
		}
		if got, _ := os.ReadFile(log); string(got) != log_ {
			t.Errorf("log %q, want %q", got, log_)
		}
	}
	check(state.JobKilled, state.Killed, "a\n")

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{wf}, exitProblems, "E0401: Missing configuration property [oozie.wf.rerun.skip.nodes OR oozie.wf.rerun.failnodes]"},
		{[]string{wf, "--failnodes", "-D", "oozie.wf.rerun.skip.nodes=a"}, exitProblems, "E0404: Only one of the properties are allowed"},
		{[]string{wf, "-D", "oozie.wf.rerun.skip.nodes=a,b"}, exitProblems, "E0806: Action did not complete in previous run, action [b]"},
		{[]string{wf, "-D", "oozie.wf.rerun.skip.nodes=x"}, exitProblems, "E0807: Some skip actions were not executed [x]"},
		{[]string{wf, "--failnodes", "--action", "1"}, exitUsage, "--action is for coordinator jobs"},
		{[]string{job, "--action", "1", "--failnodes"}, exitUsage, "--failnodes is for workflow jobs"},
		{[]string{job + "@9-W0", "--failnodes"}, exitUsage, `coordinator action "0000001-wfrerun-C@9": not found`},
	} {
		_, stderr, code := coordc(t, append([]string{"rerun", "--state", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("rerun %v: exit %d, want %d with %q\n%s", tc.args, code, tc.code, tc.msg, stderr)
		}
	}
	check(state.JobKilled, state.Killed, "a\n")

	os.WriteFile(flag, nil, 0o644)
	if stdout, stderr, code := coordc(t, "rerun", "--state", db, wf, "--failnodes", "-D", "note=fixed"); code != exitOK || stdout != "workflow job "+wf+" rerun\n" {
		t.Fatalf("rerun --failnodes: exit %d\n%s%s", code, stdout, stderr)
	}
	check(state.JobRunning, state.Running, "a\n")
	apply(exitOK)
	check(state.JobSucceeded, state.Succeeded, "a\nb fixed\n")

	if stdout, stderr, code := coordc(t, "rerun", "--state", db, wf, "-D", "oozie.wf.rerun.skip.nodes=a", "-D", "note=again"); code != exitOK {
		t.Fatalf("rerun skipping a: exit %d\n%s%s", code, stdout, stderr)
	}
	apply(exitOK)
	check(state.JobSucceeded, state.Succeeded, "a\nb fixed\nb again\n")
}

// rerunApp is a daily coordinator up to end (conf: its workflow
// configuration element, if any) whose workflow runs "a" (appends "a" to
// ${log}) and then "b", which fails until ${flag} exists and then appends
// "b ${wf:conf('note')}".
func rerunApp(end, conf string) map[string]string {
	return map[string]string{
		"coordinator.xml": `<coordinator-app name="wfrerun" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="` + end + `" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path>` + conf + `</workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="two" xmlns="uri:oozie:workflow:0.5">
  <start to="a"/>
  <action name="a">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec><argument>-c</argument><argument>echo a &gt;&gt; "$1"</argument>
      <argument>sh</argument><argument>${log}</argument>
    </shell>
    <ok to="b"/>
    <error to="fail"/>
  </action>
  <action name="b">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec><argument>-c</argument><argument>[ -e "$2" ] &amp;&amp; echo "b $3" &gt;&gt; "$1"</argument>
      <argument>sh</argument><argument>${log}</argument><argument>${flag}</argument><argument>${wf:conf('note')}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>b failed</message></kill>
  <end name="end"/>
</workflow-app>
`}
}
