package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/workflow"
)

// twoStepWF runs first (always succeeds) then second, which fails until
// ${log}/go exists; each appends a line to ${log}/<node>.
const twoStepWF = `<workflow-app name="twostep" xmlns="uri:oozie:workflow:0.5">
  <start to="first"/>
  <action name="first">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>sh</exec><argument>-c</argument><argument>echo ran &gt;&gt; ${log}/first</argument></shell>
    <ok to="second"/><error to="fail"/>
  </action>
  <action name="second">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>sh</exec><argument>-c</argument><argument>echo ran &gt;&gt; ${log}/second; test -e ${log}/go</argument></shell>
    <ok to="end"/><error to="fail"/>
  </action>
  <kill name="fail"><message>second failed</message></kill>
  <end name="end"/>
</workflow-app>
`

// twoStepCoord runs twoStepWF for two days, each in ${root}/<day>.
const twoStepCoord = `<coordinator-app name="twostep" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-03T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path><configuration>
    <property><name>log</name><value>${root}/${coord:formatTime(coord:nominalTime(), 'yyyyMMdd')}</value></property>
  </configuration></workflow></action>
</coordinator-app>
`

// The engine coordc runs reruns workflow jobs in place, which rerun
// --failed needs: a compile-time check instead of a skipped test.
var _ scheduler.WorkflowRerunner = (*workflow.Engine)(nil)

func lines(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}

// TestRerunFailedNodes: `coordc rerun JOB --action 1 --failed` (Oozie's
// -rerun -failed) after action 1's workflow failed in its second node
// (action 2 succeeded)
// reruns that workflow in place: the first node, which succeeded, is
// skipped; the second runs again and the action succeeds with the same
// workflow job. Locally (apply) and through coordc server (--server).
func TestRerunFailedNodes(t *testing.T) {
	for _, remote := range []bool{false, true} {
		dir := t.TempDir()
		root := filepath.Join(dir, "out")
		logs := filepath.Join(root, "20240101")
		writeTree(t, dir, map[string]string{"coordinator.xml": twoStepCoord, "wf/workflow.xml": twoStepWF, "out/20240101/.keep": "",
			"out/20240102/go": ""})
		db := stateDB(t, dir)
		job := "0000001-twostep-C"
		wf := job + "@1-W0"
		var url string
		if remote {
			_, url = startServer(t, dir, db)
			conf := server.ConfigurationXML(map[string]string{"oozie.coord.application.path": "file://" + filepath.Join(dir, "coordinator.xml"),
				"root": root, "user.name": "tester"})
			if code, body := api(t, "POST", url+"/oozie/v2/jobs", string(conf)); code != 201 {
				t.Fatalf("submit: %d %s", code, body)
			}
		} else {
			if _, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "--log-dir", filepath.Join(dir, "logs"),
				"-D", "root="+root, filepath.Join(dir, "coordinator.xml")); code != exitProblems {
				t.Fatalf("apply: exit %d, want 1 (the action fails)\n%s", code, stderr)
			}
		}
		waitAction := func(want string) {
			t.Helper()
			for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				rep := statusOf(t, "--state", db)
				if len(rep.Jobs) == 1 && len(rep.Jobs[0].Actions) == 2 && string(rep.Jobs[0].Actions[0].Status) == want {
					if got := rep.Jobs[0].Actions[0].ExternalID; got != wf {
						t.Errorf("remote=%v: action runs %s, want %s", remote, got, wf)
					}
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("remote=%v: action not %s: %+v", remote, want, rep.Jobs)
				}
			}
		}
		waitAction("KILLED")
		if err := os.WriteFile(filepath.Join(logs, "go"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"rerun", job, "--action", "1", "--failed", "--nocleanup"}
		if remote {
			args = append(args, "--server", url)
		} else {
			args = append(args, "--state", db)
		}
		if out, stderr, code := coordc(t, args...); code != exitOK || !strings.Contains(out, "rerun") {
			t.Fatalf("remote=%v: rerun --failed: exit %d\n%s%s", remote, code, out, stderr)
		}
		if !remote {
			if _, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "--log-dir", filepath.Join(dir, "logs"),
				"-D", "root="+root, filepath.Join(dir, "coordinator.xml")); code != exitOK {
				t.Fatalf("apply after rerun: exit %d\n%s", code, stderr)
			}
		}
		waitAction("SUCCEEDED")
		if f, s := lines(t, filepath.Join(logs, "first")), lines(t, filepath.Join(logs, "second")); f != 1 || s != 2 {
			t.Errorf("remote=%v: first ran %d times, second %d; want 1 and 2", remote, f, s)
		}
	}
}
