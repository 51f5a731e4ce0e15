package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/workflow/javatest"
)

// javaApply is a coordinator of two daily actions whose workflow runs two
// java actions on the probe jar of package javatest: "nap" appends a line
// to ${started} and sleeps, "probe" captures its output, which a decision
// checks.
var javaApply = map[string]string{
	"coordinator.xml": `<coordinator-app name="java" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>2</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
	"wf/workflow.xml": `<workflow-app name="java-wf" xmlns="uri:oozie:workflow:1.0">
  <start to="nap"/>
  <action name="nap">
    <java>
      <main-class>` + javatest.MainClass + `</main-class>
      <arg>sleep</arg>
      <arg>${started}</arg>
      <arg>1500</arg>
    </java>
    <ok to="probe"/>
    <error to="fail"/>
  </action>
  <action name="probe">
    <java>
      <main-class>` + javatest.MainClass + `</main-class>
      <java-opt>-Dprobe.greeting=hello</java-opt>
      <java-opt>-Xmx64m</java-opt>
      <arg>ok</arg>
      <arg>${wf:id()}</arg>
      <capture-output/>
    </java>
    <ok to="check"/>
    <error to="fail"/>
  </action>
  <decision name="check">
    <switch>
      <case to="end">${wf:actionData('probe')['greeting'] eq 'hello' and wf:actionData('probe')['arg'] eq wf:id()}</case>
      <default to="fail"/>
    </switch>
  </decision>
  <kill name="fail"><message>${wf:lastErrorNode()}: ${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/>
</workflow-app>
`,
}

// TestApplyJavaCrash runs java actions through coordc apply with a real
// JVM, and SIGKILLs apply while the first JVMs run: the restarted apply
// re-attaches to them, so each action's JVM ran once, and every action
// succeeds with its captured output checked by the workflow.
func TestApplyJavaCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process and runs JVMs")
	}
	dir := t.TempDir()
	writeTree(t, dir, javaApply)
	javatest.BuildJar(t, filepath.Join(dir, "wf", "lib", "probe.jar"))
	started := filepath.Join(dir, "started")
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "-D", "started=" + started, "coordinator.xml"}

	data := killOnceStarted(t, dir, started, "JVM", 60*time.Second, args)
	if n := strings.Count(data, "started\n"); n != 2 {
		t.Errorf("the sleeping java action ran %d times, want 2 (once per coordinator action)", n)
	}
	rep := statusOf(t, "--state", filepath.Join(dir, "state.db"))
	if len(rep.Jobs) != 1 || len(rep.Jobs[0].Actions) != 2 {
		t.Fatalf("status: %+v", rep)
	}
	for _, a := range rep.Jobs[0].Actions {
		if a.Status != state.Succeeded {
			t.Errorf("action %d ended %s", a.Number, a.Status)
		}
	}
}
