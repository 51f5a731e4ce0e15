package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestRunWorkflowActionTimeout: with coordc.action.timeout among the job
// properties, coordc run kills a shell action that runs too long and the
// workflow takes its error transition (exit 1); the command's process
// group is gone.
func TestRunWorkflowActionTimeout(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	wf := strings.Replace(runWF, `echo "$1" &gt; "$2"; [ "$1" = ok ]`, `echo $$ &gt; "$2"; exec sleep 60`, 1)
	writeTree(t, dir, map[string]string{"app/workflow.xml": wf})
	db := filepath.Join(dir, "state.db")
	start := time.Now()
	_, stderr, code := coordc(t, "run", "--state", db, "--poll-interval", "20ms", "-D", "out="+pidFile, "-D", "coordc.action.timeout=1s", filepath.Join(dir, "app"))
	if code != exitProblems {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("the timed-out run took %s", took)
	}
	rep := statusOf(t, "--state", db)
	if len(rep.Jobs) != 1 || rep.Jobs[0].Status != "KILLED" {
		t.Fatalf("jobs %+v", rep.Jobs)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, 0); err == nil {
		t.Errorf("the timed-out command (pid %d) still runs", pid)
	}
	stdout, _, _ := coordc(t, "logs", "--state", db, rep.Jobs[0].ID)
	if !strings.Contains(stdout, "TIMEOUT") {
		t.Errorf("logs do not show the TIMEOUT:\n%s", stdout)
	}
}
