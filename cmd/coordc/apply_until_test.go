package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestApplyUntilDoneReturnsWhenStuck: with inputs that never come and a
// timeout beyond --wait-limit, apply --until-done returns at once, exit 1,
// saying what it still waits for; the waiting actions stay WAITING.
func TestApplyUntilDoneReturnsWhenStuck(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="waits" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-03T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><controls><timeout>600</timeout></controls>
  <datasets><dataset name="d" frequency="1440" initial-instance="2024-01-01T00:00Z" timezone="UTC">
    <uri-template>file://` + in + `/${YEAR}${MONTH}${DAY}</uri-template></dataset></datasets>
  <input-events><data-in name="i" dataset="d"><instance>${coord:current(0)}</instance></data-in></input-events>
  <action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"wf/workflow.xml": `<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="end"/><end name="end"/></workflow-app>`,
	})
	db := stateDB(t, dir)
	start := time.Now()
	_, stderr, code := coordc(t, "apply", "--until-done", "--wait-limit", "1m", "--state", db, "--poll-interval", "50ms",
		filepath.Join(dir, "coordinator.xml"))
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblems, stderr)
	}
	for _, want := range []string{"no job can make progress without a change from outside",
		"0000001-waits-C@1 waits for file://" + in + "/20240101/_SUCCESS (times out at ",
		"0000001-waits-C@2 waits for file://" + in + "/20240102/_SUCCESS"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	for _, a := range statusOf(t, "--state", db).Jobs[0].Actions {
		if a.Status != "WAITING" {
			t.Errorf("action %d %s, want WAITING", a.Number, a.Status)
		}
	}
}
