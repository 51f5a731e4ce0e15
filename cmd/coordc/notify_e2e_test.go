package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/notify"
	"github.com/coordc/coordc/runtime/state"
)

// hookServer records webhook and callback requests; while failing it
// answers 503.
type hookServer struct {
	mu      sync.Mutex
	failing bool
	ok      []string // "<path> <event status>" of the requests answered 2xx
	failed  int
	tokens  map[string]bool
	ids     map[string]int // X-Coordc-Event of the 2xx webhook requests
}

func (h *hookServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failing {
		h.failed++
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	what := r.URL.Path
	if r.Method == http.MethodPost {
		var m notify.Message
		json.Unmarshal(body, &m)
		what += " " + m.EventStatus
		h.ids[r.Header.Get("X-Coordc-Event")]++
		h.tokens[r.Header.Get("Authorization")] = true
	}
	h.ok = append(h.ok, what)
}

func (h *hookServer) set(failing bool) {
	h.mu.Lock()
	h.failing = failing
	h.mu.Unlock()
}

func (h *hookServer) count(what string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, s := range h.ok {
		if s == what {
			n++
		}
	}
	return n
}

// TestSLAEndMissNotifiedAcrossKill is the end-to-end test of SLA monitoring
// and notifications: a real action whose SLA should-end is a minute after
// a nominal time chosen so the deadline passes while its workflow runs
// (seconds from now); apply detects END_MISS with the real clock and writes
// the event with the SLA summary. The webhook fails while apply is killed
// with SIGKILL, so the END_MISS delivery and the action's RUNNING callback
// are pending in the outbox; a new apply sends them. The webhook receives
// END_MISS exactly once, the callback URL RUNNING and SUCCEEDED once each,
// and the action has exactly one RUNNING and one SUCCEEDED status change.
func TestSLAEndMissNotifiedAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a real deadline (up to a minute)")
	}
	hooks := &hookServer{failing: true, tokens: map[string]bool{}, ids: map[string]int{}}
	srv := httptest.NewServer(hooks)
	defer srv.Close()

	// The deadline E is the first whole minute at least 5 s away; the
	// workflow sleeps until 3 s after it.
	now := time.Now().UTC()
	deadline := now.Add(5 * time.Second).Truncate(time.Minute).Add(time.Minute)
	sleep := int(deadline.Sub(now).Seconds()) + 3
	dir := t.TempDir()
	const token = "hook-token-5e3c"
	t.Setenv("COORDC_TEST_HOOK_TOKEN", token)
	writeTree(t, dir, map[string]string{
		".coordc.hcl": fmt.Sprintf(`runtime {
  notify {
    webhook "ops" {
      url       = "%s/hook"
      events    = ["SLA"]
      token_env = "COORDC_TEST_HOOK_TOKEN"
    }
  }
}
`, srv.URL),
		"coordinator.xml": `<coordinator-app name="sla-e2e" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-01T00:01Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4" xmlns:sla="uri:oozie:sla:0.2">
  <action>
    <workflow><app-path>wf</app-path></workflow>
    <sla:info>
      <sla:nominal-time>${slaNominal}</sla:nominal-time>
      <sla:should-end>${1 * MINUTES}</sla:should-end>
      <sla:alert-events>end_miss</sla:alert-events>
      <sla:notification-msg>sla-e2e is late</sla:notification-msg>
    </sla:info>
  </action>
</coordinator-app>
`,
		"wf/workflow.xml": fmt.Sprintf(`<workflow-app name="sla-e2e-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="work"/>
  <action name="work">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>/bin/sleep</exec><argument>%d</argument></shell>
    <ok to="end"/><error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`, sleep),
	})
	args := []string{"apply", "--state", "state.db", "--poll-interval", "100ms", "--log-level", "debug",
		"-D", "slaNominal=" + deadline.Add(-time.Minute).Format("2006-01-02T15:04Z"),
		"-D", "oozie.coord.action.notification.url=" + srv.URL + "/cb/$actionId/$status",
		"coordinator.xml"}
	action := "0000001-sla-e2e-C@1"

	// First apply: runs until the END_MISS event is in the outbox, then is
	// killed; every delivery so far failed.
	c := startChild(t, dir, args...)
	exited := make(chan int, 1)
	go func() { exited <- c.wait() }()
	st := openStore(t, filepath.Join(dir, "state.db"))
	var endMiss state.Event
	for limit := time.Now().Add(time.Until(deadline) + 30*time.Second); endMiss.ID == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(limit) {
			c.cmd.Process.Kill()
			t.Fatalf("no END_MISS event by %v:\n%s", limit, c.stderr)
		}
		evs, _ := st.EventsOf(context.Background(), action)
		for _, e := range evs {
			if e.MsgType == state.MsgSLA && e.EventStatus == "END_MISS" {
				endMiss = e
			}
		}
	}
	c.cmd.Process.Kill()
	if code := <-exited; code != -1 {
		t.Fatalf("apply exited %d before the kill:\n%s", code, c.stderr)
	}
	if endMiss.Created.Before(deadline) || endMiss.Created.After(deadline.Add(5*time.Second)) {
		t.Errorf("END_MISS recorded at %v, want just after the deadline %v", endMiss.Created, deadline)
	}
	if hooks.count("/hook END_MISS") != 0 || strings.Contains(c.stderr.String(), token) {
		t.Fatalf("delivered before the kill, or the token was logged:\n%s", c.stderr)
	}

	// Second apply: the webhook answers; the pending notifications arrive.
	hooks.set(false)
	startChild(t, dir, append([]string{"apply", "--until-done"}, args[1:]...)...).waitOK(t, 90*time.Second, "second apply")
	if n := hooks.count("/hook END_MISS"); n != 1 {
		t.Errorf("webhook got END_MISS %d times, want once; requests %v", n, hooks.ok)
	}
	for _, cb := range []string{"/cb/" + action + "/RUNNING", "/cb/" + action + "/SUCCEEDED"} {
		if n := hooks.count(cb); n != 1 {
			t.Errorf("callback %s arrived %d times, want once; requests %v", cb, n, hooks.ok)
		}
	}
	if !hooks.tokens["Bearer "+token] || len(hooks.tokens) != 1 {
		t.Errorf("webhook authorization headers %v", hooks.tokens)
	}
	evs, _ := st.EventsOf(context.Background(), action)
	changes := map[string]int{}
	for _, e := range evs {
		changes[string(e.MsgType)+" "+e.EventStatus]++
	}
	want := map[string]int{"JOB STARTED": 1, "JOB SUCCESS": 1, "SLA END_MISS": 1}
	if fmt.Sprint(changes) != fmt.Sprint(want) {
		t.Errorf("events %v, want %v", changes, want)
	}
	if strings.Contains(c.stderr.String(), token) {
		t.Errorf("the token was logged")
	}

	out, stderr, code := coordc(t, "sla", "--state", filepath.Join(dir, "state.db"), "--filter", "app_name=sla-e2e;sla_status=MISS", "-o", "json")
	var list struct {
		SLASummaryList []map[string]any `json:"slaSummaryList"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &list) != nil || len(list.SLASummaryList) != 1 {
		t.Fatalf("coordc sla exit %d: %s%s", code, out, stderr)
	}
	if s := list.SLASummaryList[0]; s["id"] != action || s["eventStatus"] != "END_MISS" || s["jobStatus"] != "SUCCEEDED" || s["notificationMessage"] != "sla-e2e is late" {
		t.Errorf("coordc sla: %v", s)
	}
}

// openStore opens a state database another process writes.
func openStore(t *testing.T, path string) *state.Store {
	t.Helper()
	for i := 0; ; i++ {
		st, err := state.Open(path)
		if err == nil {
			t.Cleanup(func() { st.Close() })
			return st
		}
		if i == 50 {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
