package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLogsAttempts: an action retried by retry-max keeps the output of
// every attempt, and coordc logs prints them all, oldest first.
func TestLogsAttempts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="flaky" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-02T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="flaky-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="try"/>
  <action name="try" retry-max="2" retry-interval="0" retry-policy="exponential">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>n=$(cat "$1" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$1"; echo "output of try $n"; [ $n -ge 3 ]</argument>
      <argument>try</argument>
      <argument>${counter}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`})
	db := filepath.Join(dir, "state.db")
	if _, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "20ms", "-D", "counter="+filepath.Join(dir, "count"), filepath.Join(dir, "coordinator.xml")); code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, stderr)
	}
	stdout, stderr, code := coordc(t, "logs", "--state", db, "0000001-flaky-C")
	if code != exitOK {
		t.Fatalf("logs: exit %d\n%s", code, stderr)
	}
	// In order: the two earlier attempts, each with its exit status and
	// output, then the current (third) one.
	rest := stdout
	for _, want := range []string{"attempt 1:", `exit record`, "output of try 1", "attempt 2:", "output of try 2", "launcher:", "output of try 3"} {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Fatalf("logs lack %q after the earlier parts:\n%s", want, stdout)
		}
		rest = rest[i+len(want):]
	}
}
