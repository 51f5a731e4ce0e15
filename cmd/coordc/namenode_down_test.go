package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// TestApplyWaitsForNameNodeAtStart is the transient-fault bullet of issue
// 11: with the workflow on HDFS, a NameNode that was down when apply
// started made it exit after 2.7 s. Apply waits for it (an unreachable
// cluster is not a refusal), logs the outage once and its end, and runs.
func TestApplyWaitsForNameNodeAtStart(t *testing.T) {
	nn := webhdfsfake.New(webhdfsfake.Options{})
	t.Cleanup(nn.Close)
	if err := nn.WriteFile("/apps/wf/workflow.xml", []byte(`<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="end"/><end name="end"/></workflow-app>`)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"coordinator.xml": `<coordinator-app name="remote" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>hdfs://ns1/apps/wf</app-path></workflow></action></coordinator-app>`})
	nn.ResetNext(5) // more than one read's retries
	_, stderr, code := coordc(t, "apply", "--until-done", "--state", filepath.Join(dir, "state.db"), "--poll-interval", "50ms",
		"--webhdfs", "ns1="+strings.Join(nn.NameNodeURLs(), ","), filepath.Join(dir, "coordinator.xml"))
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "service unreachable"); n != 1 {
		t.Errorf("the outage is logged %d times, want once\n%s", n, stderr)
	}
	if !strings.Contains(stderr, `msg="service reachable again" service="WebHDFS ns1"`) {
		t.Errorf("the recovery is not logged\n%s", stderr)
	}
}
