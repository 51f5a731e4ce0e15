package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/flinksql/gatewayfake"
	"github.com/coordc/coordc/runtime/state"
)

// sqlGateway is a fake SQL Gateway for apply and run, with a marker file
// written when apply first polls a statement (its operation handle is
// committed then; with markPolls, once it polled that many statements)
// and, when delayExecute is set, an execute answer held back after the
// statement started (apply dies during the call).
type sqlGateway struct {
	*gatewayfake.Server
	url       string
	marker    string
	markPolls atomic.Int32 // distinct statements polled before the marker; 0 means 1
}

func newSQLGateway(t *testing.T, dir string, delayExecute time.Duration, script func(string) gatewayfake.Outcome) *sqlGateway {
	return newSQLGatewayOpts(t, dir, delayExecute, gatewayfake.Options{Script: script})
}

func newSQLGatewayOpts(t *testing.T, dir string, delayExecute time.Duration, opts gatewayfake.Options) *sqlGateway {
	t.Helper()
	fake := gatewayfake.New(opts)
	t.Cleanup(fake.Close)
	g := &sqlGateway{Server: fake, marker: filepath.Join(dir, "started")}
	var once sync.Once
	mark := func() { once.Do(func() { _ = os.WriteFile(g.marker, []byte("x"), 0o644) }) }
	var pollMu sync.Mutex
	polled := map[string]bool{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case delayExecute > 0 && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/statements"):
			rec := httptest.NewRecorder()
			fake.ServeHTTP(rec, r)
			mark()
			time.Sleep(delayExecute)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		case delayExecute == 0 && r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/status"):
			fake.ServeHTTP(w, r)
			pollMu.Lock()
			polled[r.URL.Path] = true
			n := len(polled)
			pollMu.Unlock()
			if n >= int(max(g.markPolls.Load(), 1)) {
				mark()
			}
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	g.url = ts.URL
	return g
}

// count returns how many executed statements start with prefix.
func (g *sqlGateway) count(prefix string) int {
	n := 0
	for _, x := range g.Executions() {
		if strings.HasPrefix(x.Statement, prefix) {
			n++
		}
	}
	return n
}

// sqlLoadWF loads rows with an INSERT, counts them with a SELECT whose
// result reaches the decision through wf:actionData.
const sqlLoadWF = `<workflow-app name="sql-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="load"/>
  <action name="load" retry-max="%RETRY%" retry-interval="0">
    <flink-sql xmlns="uri:coordc:flink-sql-action:0.1">
      <session-configuration>
        <property><name>execution.runtime-mode</name><value>batch</value></property>
      </session-configuration>
      <statement>INSERT INTO sink SELECT * FROM src WHERE run = '${wf:id()}'</statement>
      <statement>SELECT count(*) AS n FROM sink WHERE run = '${wf:id()}'</statement>
      <capture-output/>
    </flink-sql>
    <ok to="check"/>
    <error to="fail"/>
  </action>
  <decision name="check">
    <switch>
      <case to="end">${wf:actionData('load')['n'] eq '7'}</case>
      <default to="fail"/>
    </switch>
  </decision>
  <kill name="fail"><message>${wf:errorCode('load')}: ${wf:errorMessage('load')}</message></kill>
  <end name="end"/>
</workflow-app>
`

const sqlCoordinator = `<coordinator-app name="sql" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>2</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`

// insertScript runs INSERTs for d and counts 7 rows.
func insertScript(d time.Duration) func(string) gatewayfake.Outcome {
	return func(stmt string) gatewayfake.Outcome {
		switch {
		case strings.Contains(stmt, "broken"):
			return gatewayfake.Outcome{Duration: 100 * time.Millisecond, Error: "Object 'broken' not found"}
		case strings.HasPrefix(stmt, "INSERT"):
			return gatewayfake.Outcome{Duration: d, JobID: "0000000000000000000000000000abcd"}
		}
		return gatewayfake.Outcome{Duration: 50 * time.Millisecond, Columns: []string{"n"}, Rows: [][]any{{7}}}
	}
}

func sqlTree(t *testing.T, dir, gateway, extra string, retry int) {
	writeTree(t, dir, map[string]string{
		".coordc.hcl":     fmt.Sprintf("runtime {\n  flink_sql {\n    url = %q\n%s  }\n}\n", gateway, extra),
		"coordinator.xml": sqlCoordinator,
		"wf/workflow.xml": strings.ReplaceAll(sqlLoadWF, "%RETRY%", fmt.Sprint(retry)),
	})
}

// TestApplyFlinkSQLCrash runs flink-sql actions through coordc apply on a
// fake SQL Gateway and SIGKILLs apply while the INSERTs run (both were
// polled, so both operation handles are committed; one killed while its
// submission is in flight is UNCERTAIN, TestApplyFlinkSQLCrashWhileSubmitting):
// the restarted apply follows the recorded operations, so each INSERT ran
// once, and the SELECT's count reaches the decision through wf:actionData.
func TestApplyFlinkSQLCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	dir := t.TempDir()
	g := newSQLGateway(t, dir, 0, insertScript(2*time.Second))
	g.markPolls.Store(2)
	sqlTree(t, dir, g.url, "", 0)
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "coordinator.xml"}
	killOnceStarted(t, dir, g.marker, "statement", 30*time.Second, args)
	if n := g.count("INSERT"); n != 2 {
		t.Errorf("%d INSERTs executed, want one per coordinator action", n)
	}
	if n := g.count("SELECT"); n != 2 {
		t.Errorf("%d SELECTs executed, want 2", n)
	}
	if open := g.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
	checkAllSucceeded(t, filepath.Join(dir, "state.db"))
}

// TestApplyFlinkSQLCrashWhileSubmitting SIGKILLs apply while the gateway
// has started the INSERT but not answered: the restarted apply cannot know
// whether it ran and does not run it again; the action fails UNCERTAIN.
func TestApplyFlinkSQLCrashWhileSubmitting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	dir := t.TempDir()
	g := newSQLGateway(t, dir, 3*time.Second, insertScript(time.Second))
	sqlTree(t, dir, g.url, "", 0)
	writeTree(t, dir, map[string]string{"coordinator.xml": strings.Replace(sqlCoordinator, "2024-01-03", "2024-01-02", 1)})
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "coordinator.xml"}
	ch := startChild(t, dir, args...)
	waitFor(t, 30*time.Second, "an INSERT", ch, func() bool { _, err := os.Stat(g.marker); return err == nil })
	if err := ch.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	ch.wait()
	t.Chdir(dir)
	if stdout, stderr, code := coordc(t, args...); code != exitProblems {
		t.Fatalf("restarted apply: exit %d, want %d\n%s%s", code, exitProblems, stdout, stderr)
	}
	if n := g.count("INSERT"); n != 1 {
		t.Errorf("%d INSERTs executed, want 1", n)
	}
	rep := statusOf(t, "--state", "state.db")
	if a := rep.Jobs[0].Actions[0]; a.Status != state.Killed || !strings.Contains(a.ErrorMessage, "UNCERTAIN: statement 1 (INSERT INTO sink") {
		t.Errorf("action %s %q", a.Status, a.ErrorMessage)
	}
	if open := g.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
}

// TestApplyFlinkSQLCrashWhileSubmittingFound: as above, with the Flink
// cluster configured: the restarted apply finds the INSERT's job by its
// pipeline.name in Flink's job overview, so it knows the statement ran and
// ends the action ok, without running it again.
func TestApplyFlinkSQLCrashWhileSubmittingFound(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	dir := t.TempDir()
	fl := flinkfake.New(flinkfake.Options{Clock: clock.System})
	defer fl.Close()
	fc, err := flink.New(flink.Config{BaseURL: fl.URL()})
	if err != nil {
		t.Fatal(err)
	}
	submit := func(x gatewayfake.Execution) {
		if strings.HasPrefix(x.Statement, "INSERT") {
			jar := flink.Jar{Name: "sql.jar", Content: []byte("PK sql")}
			if _, err := fc.Submit(context.Background(), jar, flink.RunRequest{JobID: flink.JobID(x.Operation, 0), EntryClass: "org.example.SqlJob", FlinkConfiguration: x.Config}); err != nil {
				t.Error(err)
			}
		}
	}
	g := newSQLGatewayOpts(t, dir, 3*time.Second, gatewayfake.Options{Script: insertScript(time.Second), OnExecute: submit})
	sqlTree(t, dir, g.url, "", 0)
	writeTree(t, dir, map[string]string{
		"coordinator.xml": strings.Replace(sqlCoordinator, "2024-01-03", "2024-01-02", 1),
		// The INSERT is the last statement; its job id is the action data.
		"wf/workflow.xml": strings.NewReplacer("%RETRY%", "0",
			"      <statement>SELECT count(*) AS n FROM sink WHERE run = '${wf:id()}'</statement>\n", "",
			"${wf:actionData('load')['n'] eq '7'}", "${wf:actionData('load')['rows'] eq '1'}").Replace(sqlLoadWF),
	})
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "--flink", fl.URL(), "coordinator.xml"}
	ch := startChild(t, dir, args...)
	waitFor(t, 30*time.Second, "an INSERT", ch, func() bool { _, err := os.Stat(g.marker); return err == nil })
	if err := ch.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	ch.wait()
	t.Chdir(dir)
	if stdout, stderr, code := coordc(t, args...); code != exitOK {
		t.Fatalf("restarted apply: exit %d\n%s%s", code, stdout, stderr)
	}
	if n := g.count("INSERT"); n != 1 || len(fl.Jobs()) != 1 {
		t.Errorf("%d INSERTs executed, %d Flink jobs; want 1", n, len(fl.Jobs()))
	}
	checkAllSucceeded(t, filepath.Join(dir, "state.db"))
}

// TestApplyFlinkSQLKill: coordc kill while apply runs a statement cancels
// the operation and closes the session.
func TestApplyFlinkSQLKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	dir := t.TempDir()
	g := newSQLGateway(t, dir, 0, insertScript(time.Hour))
	sqlTree(t, dir, g.url, "", 0)
	ch := startChild(t, dir, "apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "coordinator.xml")
	defer ch.cmd.Process.Kill()
	waitFor(t, 30*time.Second, "a running statement", ch, func() bool { _, err := os.Stat(g.marker); return err == nil })
	t.Chdir(dir)
	waitFor(t, 30*time.Second, "two running statements", ch, func() bool { return g.count("INSERT") == 2 })
	if stdout, stderr, code := coordc(t, "kill", "0000001-sql-C", "--state", "state.db"); code != exitOK {
		t.Fatalf("kill: exit %d\n%s%s", code, stdout, stderr)
	}
	if code := ch.wait(); code != exitProblems {
		t.Errorf("apply exit %d after the kill, want %d\n%s", code, exitProblems, ch.stderr)
	}
	for h, st := range g.Operations() {
		t.Errorf("operation %s left %s", h, st)
	}
	if open := g.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
	// A kill is at least once: apply's tick repeats a pending kill that the
	// kill command may still be making, so an operation can be cancelled
	// twice (the gateway answers the second as it did the first).
	if n := g.Count("POST /sessions/:session_handle/operations/:operation_handle/cancel"); n < 2 {
		t.Errorf("%d cancels, want one for each of the 2 running operations", n)
	}
}

// TestRunFlinkSQL runs the workflow alone with coordc run: success with
// the count in wf:actionData, a failing statement, a retry that succeeds,
// and the flink_sql timeout.
func TestRunFlinkSQL(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var mu sync.Mutex
	flaky := 0
	g := newSQLGateway(t, dir, 0, func(stmt string) gatewayfake.Outcome {
		if strings.Contains(stmt, "flaky") {
			mu.Lock()
			defer mu.Unlock()
			if flaky++; flaky == 1 {
				return gatewayfake.Outcome{Error: "transient sink failure"}
			}
		}
		if strings.Contains(stmt, "slow") {
			return gatewayfake.Outcome{Duration: time.Hour}
		}
		return insertScript(100 * time.Millisecond)(stmt)
	})
	run := func(name, wf, extra string, want int) state.Report {
		t.Helper()
		sqlTree(t, dir, g.url, extra, 0)
		writeTree(t, dir, map[string]string{"wf/workflow.xml": wf})
		db := name + ".db"
		if stdout, stderr, code := coordc(t, "run", "--state", db, "--poll-interval", "20ms", filepath.Join(dir, "wf", "workflow.xml")); code != want {
			t.Fatalf("%s: exit %d, want %d\n%s%s", name, code, want, stdout, stderr)
		}
		return statusOf(t, "--state", db)
	}
	wf := func(retry int, insert string) string {
		return strings.ReplaceAll(strings.ReplaceAll(sqlLoadWF, "%RETRY%", fmt.Sprint(retry)), "INSERT INTO sink", "INSERT INTO "+insert)
	}
	run("ok", wf(0, "sink"), "", exitOK)
	if n := g.count("INSERT INTO sink"); n != 1 {
		t.Errorf("%d INSERTs", n)
	}
	rep := run("failing", wf(0, "broken"), "", exitProblems)
	if a := rep.Jobs[0].Actions[0]; !strings.Contains(a.ErrorMessage, "SQL_ERROR: statement 1 (INSERT INTO broken") || !strings.Contains(a.ErrorMessage, "Object 'broken' not found") {
		t.Errorf("failing statement: %q", a.ErrorMessage)
	}
	run("retry", wf(1, "flaky"), "", exitOK)
	if n := g.count("INSERT INTO flaky"); n != 2 {
		t.Errorf("%d flaky INSERTs, want 2 (one retry)", n)
	}
	cancels := g.Count("POST /sessions/:session_handle/operations/:operation_handle/cancel")
	rep = run("timeout", wf(0, "slow"), "    timeout = \"1s\"\n", exitProblems)
	if a := rep.Jobs[0].Actions[0]; !strings.Contains(a.ErrorMessage, "TIMEOUT: the Flink SQL action ran longer than 1s") {
		t.Errorf("timeout: %q", a.ErrorMessage)
	}
	if n := g.Count("POST /sessions/:session_handle/operations/:operation_handle/cancel"); n != cancels+1 {
		t.Errorf("%d cancels after the timeout, want 1", n-cancels)
	}
	if open := g.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
}
