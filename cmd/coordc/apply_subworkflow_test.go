package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// TestApplySubWorkflow runs a sub-workflow through coordc apply: each
// coordinator action's workflow starts a child workflow job (its own
// wf_jobs row, whose parent is the sub-workflow action), which gets the
// parent's configuration.
func TestApplySubWorkflow(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="sub" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path>
    <configuration><property><name>day</name><value>${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}</value></property></configuration>
  </workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="parent" xmlns="uri:oozie:workflow:1.0">
  <start to="child"/>
  <action name="child">
    <sub-workflow>
      <app-path>${wf:conf('oozie.wf.application.path')}/child</app-path>
      <propagate-configuration/>
    </sub-workflow>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorMessage('child')}</message></kill>
  <end name="end"/>
</workflow-app>
`,
		"wf/child/workflow.xml": `<workflow-app name="child" xmlns="uri:oozie:workflow:0.5">
  <start to="mark"/>
  <action name="mark">
    <fs><mkdir path="${out}/${day}"/></fs>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>mkdir failed</message></kill>
  <end name="end"/>
</workflow-app>
`})
	db := filepath.Join(dir, "state.db")
	if stdout, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "-D", "out="+out, filepath.Join(dir, "coordinator.xml")); code != exitOK {
		t.Fatalf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, day := range []string{"2024-01-01", "2024-01-02"} {
		if _, err := os.Stat(filepath.Join(out, day)); err != nil {
			t.Errorf("the child workflow of %s did not run: %v", day, err)
		}
	}
	checkAllSucceeded(t, db)
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.ReadDB().Query(`SELECT id, parent_id, status FROM wf_jobs WHERE app_name = 'child' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id, parent, status string
		rows.Scan(&id, &parent, &status)
		got = append(got, id+" "+parent+" "+status)
	}
	want := "0000001-sub-C@1-W0@child-W0 0000001-sub-C@1-W0@child SUCCEEDED|0000001-sub-C@2-W0@child-W0 0000001-sub-C@2-W0@child SUCCEEDED"
	if strings.Join(got, "|") != want {
		t.Errorf("child jobs:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestApplySubWorkflowCrash SIGKILLs apply while the child workflows'
// shell actions run: the restarted apply drives the same child jobs
// (their rows and processes survived), so each child's command ran once.
func TestApplySubWorkflowCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	dir := t.TempDir()
	ran := filepath.Join(dir, "ran")
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="subcrash" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>2</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="parent" xmlns="uri:oozie:workflow:0.5">
  <start to="child"/>
  <action name="child">
    <sub-workflow><app-path>child</app-path><propagate-configuration/></sub-workflow>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorMessage('child')}</message></kill>
  <end name="end"/>
</workflow-app>
`,
		"wf/child/workflow.xml": `<workflow-app name="child" xmlns="uri:oozie:workflow:0.5">
  <start to="work"/>
  <action name="work">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>echo "$1" &gt;&gt; "$2"; sleep 1</argument>
      <argument>work</argument>
      <argument>${wf:id()}</argument>
      <argument>${ran}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>work failed</message></kill>
  <end name="end"/>
</workflow-app>
`})
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "-D", "ran=" + ran, "coordinator.xml"}
	data := killOnceStarted(t, dir, ran, "child workflow", 30*time.Second, args)
	got := strings.Fields(data)
	sort.Strings(got)
	want := []string{"0000001-subcrash-C@1-W0@child-W0", "0000001-subcrash-C@2-W0@child-W0"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("child runs %q, want %q (each once)", got, want)
	}
	checkAllSucceeded(t, filepath.Join(dir, "state.db"))
}
