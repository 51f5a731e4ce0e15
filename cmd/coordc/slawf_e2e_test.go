package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// hookPaths are the distinct paths hooks answered, with the workflow job
// IDs (…-W<run>) replaced by WF and coordinator action IDs by CA.
func hookPaths(h *hookServer) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	wf := regexp.MustCompile(`[0-9]{7}-[a-z0-9-]+-C@[0-9]+-W[0-9]+`)
	ca := regexp.MustCompile(`[0-9]{7}-[a-z0-9-]+-C@[0-9]+`)
	seen := map[string]bool{}
	var out []string
	for _, p := range h.ok {
		p = ca.ReplaceAllString(wf.ReplaceAllString(p, "WF"), "CA")
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// TestRunWorkflowNotificationURLs: a workflow run with coordc run calls
// oozie.wf.workflow.notification.url ($jobId, $status, $parentId) as the
// workflow moves and oozie.wf.action.notification.url ($jobId, $nodeName,
// $status) as it enters and leaves its action, each once.
func TestRunWorkflowNotificationURLs(t *testing.T) {
	hooks := &hookServer{tokens: map[string]bool{}, ids: map[string]int{}}
	srv := httptest.NewServer(hooks)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.txt")
	writeTree(t, dir, map[string]string{"app/workflow.xml": runWF})
	_, stderr, code := coordc(t, "run", "--state", filepath.Join(dir, "state.db"), "--poll-interval", "20ms", "-D", "out="+out,
		"-D", "oozie.wf.workflow.notification.url="+srv.URL+"/wf/$jobId/$status/$parentId",
		"-D", "oozie.wf.action.notification.url="+srv.URL+"/node/$jobId/$nodeName/$status",
		filepath.Join(dir, "app"))
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	want := []string{"/node/WF/write/S:RUNNING", "/node/WF/write/T:end", "/wf/WF/RUNNING/CA", "/wf/WF/SUCCEEDED/CA"}
	if got := hookPaths(hooks); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("callbacks %v, want %v", got, want)
	}
	hooks.mu.Lock()
	n := len(hooks.ok)
	hooks.mu.Unlock()
	if n != len(want) {
		t.Errorf("%d callbacks, want %d (each once)", n, len(want))
	}
}

// TestWorkflowSLAEndToEnd: `coordc apply` of a coordinator whose workflow
// has an <sla:info> on the workflow-app and on its action, with a real
// deadline seconds away: should-end passes while the action runs, so the
// SLA service records END_MISS of the workflow job and of the workflow
// action just after it (the action's start is met), the webhook gets each
// once, and `coordc sla --filter app_type=…` lists them as Oozie's v2 API
// names them.
func TestWorkflowSLAEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a real deadline (up to a minute)")
	}
	hooks := &hookServer{tokens: map[string]bool{}, ids: map[string]int{}}
	srv := httptest.NewServer(hooks)
	defer srv.Close()
	now := time.Now().UTC()
	deadline := now.Add(5 * time.Second).Truncate(time.Minute).Add(time.Minute)
	sleep := int(deadline.Sub(now).Seconds()) + 3
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".coordc.hcl": fmt.Sprintf(`runtime {
  notify {
    webhook "ops" {
      url    = "%s/hook"
      events = ["SLA"]
    }
  }
}
`, srv.URL),
		"coordinator.xml": `<coordinator-app name="wfsla-e2e" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-01T00:01Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": fmt.Sprintf(`<workflow-app name="wfsla-e2e-wf" xmlns="uri:oozie:workflow:0.5" xmlns:sla="uri:oozie:sla:0.2">
  <start to="work"/>
  <action name="work">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>/bin/sleep</exec><argument>%d</argument></shell>
    <ok to="end"/><error to="fail"/>
    <sla:info>
      <sla:nominal-time>${slaNominal}</sla:nominal-time>
      <sla:should-start>${2 * MINUTES}</sla:should-start>
      <sla:should-end>${1 * MINUTES}</sla:should-end>
      <sla:alert-events>end_miss</sla:alert-events>
    </sla:info>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
  <sla:info>
    <sla:nominal-time>${slaNominal}</sla:nominal-time>
    <sla:should-end>${1 * MINUTES}</sla:should-end>
    <sla:notification-msg>${wf:name()} is late</sla:notification-msg>
  </sla:info>
</workflow-app>
`, sleep),
	})
	db := filepath.Join(dir, "state.db")
	t.Chdir(dir) // where apply finds .coordc.hcl
	_, stderr, code := coordc(t, "apply", "--until-done", "--log-dir", filepath.Join(dir, "logs"), "--state", db, "--poll-interval", "100ms",
		"-D", "slaNominal="+deadline.Add(-time.Minute).Format("2006-01-02T15:04Z"), filepath.Join(dir, "coordinator.xml"))
	if code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, stderr)
	}
	wf := "0000001-wfsla-e2e-C@1-W0"
	st := openStore(t, db)
	for _, id := range []string{wf, wf + "@work"} {
		evs, err := st.EventsOf(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range evs {
			if e.MsgType != state.MsgSLA {
				continue
			}
			kinds = append(kinds, e.EventStatus)
			if e.EventStatus == "END_MISS" && (e.Created.Before(deadline) || e.Created.After(deadline.Add(5*time.Second))) {
				t.Errorf("%s: END_MISS recorded at %v, want just after the deadline %v", id, e.Created, deadline)
			}
		}
		want := "END_MISS"
		if id != wf {
			want = "START_MET,END_MISS"
		}
		if strings.Join(kinds, ",") != want {
			t.Errorf("%s: SLA events %v, want %s", id, kinds, want)
		}
	}
	if n := hooks.count("/hook END_MISS"); n != 2 {
		t.Errorf("webhook got END_MISS %d times, want twice (job, action); requests %v", n, hooks.ok)
	}
	for appType, want := range map[string]string{"WORKFLOW_JOB": wf, "WORKFLOW_ACTION": wf + "@work"} {
		out, stderr, code := coordc(t, "sla", "--state", db, "--filter", "app_type="+appType+";sla_status=MISS", "-o", "json")
		var list struct {
			SLASummaryList []map[string]any `json:"slaSummaryList"`
		}
		if code != exitOK || json.Unmarshal([]byte(out), &list) != nil || len(list.SLASummaryList) != 1 {
			t.Fatalf("coordc sla %s: exit %d: %s%s", appType, code, out, stderr)
		}
		s := list.SLASummaryList[0]
		if s["id"] != want || s["appType"] != appType {
			t.Errorf("coordc sla %s: %v", appType, s)
		}
		if appType == "WORKFLOW_JOB" && (s["parentId"] != "0000001-wfsla-e2e-C@1" || s["jobStatus"] != "SUCCEEDED" ||
			s["notificationMessage"] != "wfsla-e2e-wf is late" || s["appName"] != "wfsla-e2e-wf") {
			t.Errorf("workflow job SLA %v", s)
		}
		if appType == "WORKFLOW_ACTION" && (s["parentId"] != wf || s["jobStatus"] != "OK" || s["appName"] != "work") {
			t.Errorf("workflow action SLA %v", s)
		}
	}
}

// TestActionURLAcrossKill: the node notifications of a workflow are in the
// outbox with the node's status changes; apply is killed with SIGKILL while
// the receiver fails, and the next apply delivers each exactly once, with
// one entry and one exit event per node.
func TestActionURLAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills apply: skipped with -short")
	}
	hooks := &hookServer{failing: true, tokens: map[string]bool{}, ids: map[string]int{}}
	srv := httptest.NewServer(hooks)
	defer srv.Close()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="nodeurl" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-01T00:01Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="nodeurl-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="work"/>
  <action name="work">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec></shell>
    <ok to="end"/><error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`,
	})
	args := []string{"apply", "--state", "state.db", "--poll-interval", "50ms",
		"-D", "oozie.wf.action.notification.url=" + srv.URL + "/node/$jobId/$nodeName/$status", "coordinator.xml"}
	node := "0000001-nodeurl-C@1-W0@work"
	c := startChild(t, dir, args...)
	exited := make(chan int, 1)
	go func() { exited <- c.wait() }()
	st := openStore(t, filepath.Join(dir, "state.db"))
	for limit := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		evs, _ := st.EventsOf(context.Background(), node)
		if len(evs) == 2 {
			break
		}
		if time.Now().After(limit) {
			c.cmd.Process.Kill()
			t.Fatalf("no node events:\n%s", c.stderr)
		}
	}
	time.Sleep(200 * time.Millisecond) // a delivery attempt or two fail
	c.cmd.Process.Kill()
	if code := <-exited; code != -1 {
		t.Fatalf("apply exited %d before the kill:\n%s", code, c.stderr)
	}
	hooks.set(false)
	if _, stderr, code := coordc(t, append([]string{"apply", "--until-done", "--state", filepath.Join(dir, "state.db"), "--log-dir",
		filepath.Join(dir, "state-logs")}, append(args[3:len(args)-1], filepath.Join(dir, "coordinator.xml"))...)...); code != exitOK {
		t.Fatalf("second apply: exit %d\n%s", code, stderr)
	}
	for _, p := range []string{"/node/0000001-nodeurl-C@1-W0/work/S:RUNNING", "/node/0000001-nodeurl-C@1-W0/work/T:end"} {
		if n := hooks.count(p); n != 1 {
			t.Errorf("%s arrived %d times, want once; requests %v", p, n, hooks.ok)
		}
	}
	evs, _ := st.EventsOf(context.Background(), node)
	var got []string
	for _, e := range evs {
		got = append(got, e.Status)
	}
	if strings.Join(got, ",") != "S:RUNNING,T:end" {
		t.Errorf("node events %v, want one entry and one exit", got)
	}
}
