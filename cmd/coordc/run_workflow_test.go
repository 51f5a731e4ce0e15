package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const runWF = `<workflow-app name="standalone" xmlns="uri:oozie:workflow:0.5">
  <parameters><property><name>out</name></property><property><name>mode</name><value>ok</value></property></parameters>
  <start to="write"/>
  <action name="write">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>echo "$1" &gt; "$2"; [ "$1" = ok ]</argument>
      <argument>write</argument>
      <argument>${mode}</argument>
      <argument>${out}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>write failed</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestRunWorkflow: coordc run runs a workflow with job properties as a job
// of its own (Oozie's job -run), given as a file or through
// oozie.wf.application.path; the job is listed by coordc status like
// coordinator jobs, and a failed workflow exits 1.
func TestRunWorkflow(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.txt")
	writeTree(t, dir, map[string]string{
		"app/workflow.xml": runWF,
		"job.properties":   "oozie.wf.application.path=file://" + filepath.Join(dir, "app") + "\nout=" + out + "\n",
	})
	db := filepath.Join(dir, "state.db")
	if _, stderr, code := coordc(t, "run", "--state", db, "--poll-interval", "20ms", "--properties", filepath.Join(dir, "job.properties")); code != exitOK {
		t.Fatalf("run via oozie.wf.application.path: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(out); string(got) != "ok\n" {
		t.Errorf("the workflow wrote %q", got)
	}
	_, stderr, code := coordc(t, "run", "--state", db, "--poll-interval", "20ms", "-D", "out="+out, "-D", "mode=bad", filepath.Join(dir, "app", "workflow.xml"))
	if code != exitProblems {
		t.Fatalf("failing workflow: exit %d, want 1\n%s", code, stderr)
	}
	rep := statusOf(t, "--state", db)
	var got []string
	for _, j := range rep.Jobs {
		if len(j.Actions) != 1 {
			t.Fatalf("job %s has %d actions", j.ID, len(j.Actions))
		}
		got = append(got, j.Name+" "+string(j.Status)+" "+string(j.Actions[0].Status))
	}
	if strings.Join(got, "|") != "standalone SUCCEEDED SUCCEEDED|standalone KILLED KILLED" {
		t.Errorf("jobs %q", got)
	}
	if _, stderr, code := coordc(t, "run", "--state", db, filepath.Join(dir, "missing.xml")); code != exitUsage || !strings.Contains(stderr, "missing.xml") {
		t.Errorf("missing workflow: exit %d\n%s", code, stderr)
	}
}
