package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestMain runs the tests on SQLite and, with COORDC_TEST_POSTGRES set,
// the tests of what Settle reports again on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "TestSettleReports") }

// settleApps are the workflows of TestSettleReports, by name.
var settleApps = map[string]string{
	// A shell action that ends well, to the end node.
	"ok": `<start to="work"/>
  <action name="work"><shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>work failed</message></kill>
  <end name="end"/>`,
	// A shell action that ends well, to a kill node whose message is EL.
	"killed": `<start to="work"/>
  <action name="work"><shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec></shell>
    <ok to="stop"/><error to="end"/></action>
  <kill name="stop"><message>stopped ${wf:name()} of ${wf:user()} after ${wf:actionExternalStatus('work')}</message></kill>
  <end name="end"/>`,
	// A failing shell action: the kill node's message is its error.
	"failed": `<start to="boom"/>
  <action name="boom"><shell xmlns="uri:oozie:shell-action:0.3"><exec>sh</exec><argument>-c</argument><argument>exit 3</argument></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>[${wf:errorCode('boom')}] ${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/>`,
	// A decision after the action fails to evaluate: the job FAILED.
	"decision": `<start to="work"/>
  <action name="work"><shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec></shell>
    <ok to="pick"/><error to="fail"/></action>
  <decision name="pick"><switch><case to="end">${nosuchvar gt 1}</case><default to="end"/></switch></decision>
  <kill name="fail"><message>work failed</message></kill>
  <end name="end"/>`,
	// A fork whose failing path ends the job while the other still runs
	// (boom exits after the Check that starts both).
	"open": `<start to="split"/>
  <fork name="split"><path start="nap"/><path start="boom"/></fork>
  <action name="nap"><shell xmlns="uri:oozie:shell-action:0.3"><exec>sleep</exec><argument>30</argument></shell>
    <ok to="meet"/><error to="fail"/></action>
  <action name="boom"><shell xmlns="uri:oozie:shell-action:0.3"><exec>sh</exec><argument>-c</argument><argument>sleep 1; exit 1</argument></shell>
    <ok to="meet"/><error to="fail"/></action>
  <join name="meet" to="end"/>
  <kill name="fail"><message>boom</message></kill>
  <end name="end"/>`,
	// An action that runs on.
	"running": `<start to="nap"/>
  <action name="nap"><shell xmlns="uri:oozie:shell-action:0.3"><exec>sleep</exec><argument>30</argument></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>nap failed</message></kill>
  <end name="end"/>`,
}

// TestSettleReports checks what Settle reports, in one call over jobs in
// every situation: the Result Check returns afterwards for each job Settle
// ends (to the end node, to a kill node with an EL message, to a kill node
// after a failed shell action, to FAILED by a decision) and for a job that
// had ended before; nothing for a job it ends with a node still running
// (Check kills it), for a running job and for an unknown ID.
func TestSettleReports(t *testing.T) {
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db := st.DB()
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	for _, tc := range []struct {
		name, app string
		// ended runs the job to its end with Check before Settle, drive
		// checks it once (which starts the fork's actions); wait names
		// the nodes whose processes Settle waits for (all when nil).
		ended, drive bool
		wait         []string
		want         runner.Result // what Check reports after Settle
		// reported tells whether Settle reports the job.
		reported bool
	}{
		{name: "succeeded", app: "ok", want: runner.Result{Status: runner.Succeeded}, reported: true},
		{name: "kill node", app: "killed",
			want: runner.Result{Status: runner.Killed, ErrorCode: CodeKilled, ErrorMessage: "stopped killed of tester after SUCCEEDED"}, reported: true},
		{name: "failed action", app: "failed",
			want: runner.Result{Status: runner.Killed, ErrorCode: CodeKilled,
				ErrorMessage: "[3] Shell command exited with code [3]; see " + filepath.Join("DIR", "boom", launch.StderrFile)}, reported: true},
		{name: "decision", app: "decision", want: runner.Result{Status: runner.Failed, ErrorCode: CodeELError}, reported: true},
		{name: "ended before", app: "ok", ended: true, want: runner.Result{Status: runner.Succeeded}, reported: true},
		{name: "open node", app: "open", drive: true, wait: []string{"boom"},
			want: runner.Result{Status: runner.Killed, ErrorCode: CodeKilled, ErrorMessage: "boom"}},
		{name: "running", app: "running", wait: []string{}, want: runner.Result{Status: runner.Running}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, dir := startApp(t, e, tc.app)
			defer e.Kill(ctx, id)
			if tc.ended {
				runToEnd(t, e, id)
			}
			if tc.drive {
				if res, err := e.Check(ctx, id); err != nil || res.Status != runner.Running {
					t.Fatalf("Check = %+v, %v; want RUNNING", res, err)
				}
			}
			if tc.wait == nil || len(tc.wait) > 0 { // none when empty
				waitExited(t, db, id, tc.wait...)
			}
			ended, err := e.Settle(ctx, []string{"no-such-job", id, id}, nil)
			if err != nil {
				t.Fatal(err)
			}
			job, err := loadJob(ctx, db, id)
			if err != nil {
				t.Fatal(err)
			}
			if job.status != tc.want.Status {
				t.Errorf("after Settle, the job is %s, want %s", job.status, tc.want.Status)
			}
			res, err := e.Check(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			res.NextCheck = time.Time{}
			want := tc.want
			if want.Status == runner.Failed {
				want.ErrorMessage = res.ErrorMessage // the EL error's wording is the evaluator's
			}
			want.ErrorMessage = strings.ReplaceAll(want.ErrorMessage, "DIR", dir)
			if d := cmp.Diff(want, res); d != "" {
				t.Errorf("Check after Settle (-want +got):\n%s", d)
			}
			wantEnded := map[string]runner.Result{}
			if tc.reported {
				wantEnded[id] = res
			}
			if d := cmp.Diff(wantEnded, ended); d != "" {
				t.Errorf("Settle reported (-want +got):\n%s", d)
			}
		})
	}
}

// startApp starts the workflow settleApps[app] (as an action of its own);
// it returns the job's ID and its directory (coordc.wf.dir).
func startApp(t *testing.T, e *Engine, app string) (id, dir string) {
	t.Helper()
	appDir := t.TempDir()
	def := `<workflow-app name="` + app + `" xmlns="uri:oozie:workflow:0.5">` + settleApps[app] + `</workflow-app>`
	if err := os.WriteFile(filepath.Join(appDir, "workflow.xml"), []byte(def), 0o600); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	id, err := e.Start(context.Background(), runner.Request{ActionID: "0000001-" + app + "-C@" + filepath.Base(dir),
		AppPath: appDir, User: "tester", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	job, err := loadJob(context.Background(), e.db, id)
	if err != nil {
		t.Fatal(err)
	}
	return id, job.conf[ConfDir]
}
