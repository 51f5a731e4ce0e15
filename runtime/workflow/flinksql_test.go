package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/flinksql"
	"github.com/coordc/coordc/runtime/flinksql/gatewayfake"
	"github.com/coordc/coordc/runtime/runner"
)

// sqlEnv is an engine with a fake SQL Gateway on loopback, sharing one
// clock, and a workflow application directory.
type sqlEnv struct {
	t    *testing.T
	clk  *clock
	fake *gatewayfake.Server
	e    *Engine
	app  string
}

const sqlWorkflow = `<workflow-app name="sql" xmlns="uri:oozie:workflow:0.5">
  <start to="q"/>
  <action name="q" retry-max="%RETRY%" retry-interval="1">
    <flink-sql xmlns="uri:coordc:flink-sql-action:0.1">
      <session-configuration>
        <property><name>execution.runtime-mode</name><value>batch</value></property>
      </session-configuration>
      %STATEMENTS%
      <capture-output/>
    </flink-sql>
    <ok to="check"/>
    <error to="fail"/>
  </action>
  <decision name="check">
    <switch>
      <case to="end">${wf:actionData('q')['rows'] ne '1'}</case>
      <default to="one"/>
    </switch>
  </decision>
  <kill name="one"><message>one row: ${wf:actionData('q')['n']}</message></kill>
  <kill name="fail"><message>${wf:errorCode('q')}: ${wf:errorMessage('q')}</message></kill>
  <end name="end"/>
</workflow-app>
`

func newSQLEnv(t *testing.T, opts gatewayfake.Options, retry int, statements ...string) *sqlEnv {
	t.Helper()
	clk := &clock{t: epoch}
	opts.Clock = clocktest.Func(clk.now)
	fake := gatewayfake.New(opts)
	t.Cleanup(fake.Close)
	db, _ := newDB(t)
	env := &sqlEnv{t: t, clk: clk, fake: fake, e: newEngine(db, clk), app: t.TempDir()}
	env.e.FlinkSQL = env.client()
	var b strings.Builder
	for _, s := range statements {
		fmt.Fprintf(&b, "<statement><![CDATA[%s]]></statement>\n", s)
	}
	wf := strings.ReplaceAll(strings.ReplaceAll(sqlWorkflow, "%STATEMENTS%", b.String()), "%RETRY%", fmt.Sprint(retry))
	if err := os.WriteFile(filepath.Join(env.app, "workflow.xml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	return env
}

func (env *sqlEnv) client() *flinksql.Client {
	c, err := flinksql.New(flinksql.Config{BaseURL: env.fake.URL(), RequestTimeout: 5 * time.Second})
	if err != nil {
		env.t.Fatal(err)
	}
	return c
}

func (env *sqlEnv) start() string {
	env.t.Helper()
	id, err := env.e.Start(context.Background(), runner.Request{ActionID: "c@1", AppPath: env.app,
		Conf: map[string]string{"day": "2025-03-30"}, User: "tester", Dir: env.t.TempDir()})
	if err != nil {
		env.t.Fatal(err)
	}
	return id
}

func (env *sqlEnv) check(id string) runner.Result {
	env.t.Helper()
	res, err := env.e.Check(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	return res
}

func (env *sqlEnv) row(id string) *actionRow {
	env.t.Helper()
	rows, err := loadActions(context.Background(), env.e.db, id)
	if err != nil {
		env.t.Fatal(err)
	}
	for _, r := range rows {
		if r.name == "q" {
			return r
		}
	}
	env.t.Fatalf("no row for node q in %s", id)
	return nil
}

// statements returns the statements the fake executed.
func (env *sqlEnv) statements() []string {
	var out []string
	for _, x := range env.fake.Executions() {
		out = append(out, x.Statement)
	}
	return out
}

// sqlScript runs INSERTs for 10s, fails statements on "broken", and
// answers SELECTs with one or two rows.
func sqlScript(stmt string) gatewayfake.Outcome {
	switch {
	case strings.Contains(stmt, "broken"):
		return gatewayfake.Outcome{Duration: time.Second, Error: "Object 'broken' not found within 'default_catalog.default_database'"}
	case strings.HasPrefix(stmt, "INSERT"):
		return gatewayfake.Outcome{Duration: 10 * time.Second, JobID: "00000000000000000000000000000abc"}
	case strings.Contains(stmt, "two"):
		return gatewayfake.Outcome{Duration: time.Second, Columns: []string{"d", "n"}, Rows: [][]any{{"a", 1}, {"b", nil}}}
	case strings.HasPrefix(stmt, "SELECT"):
		return gatewayfake.Outcome{Duration: time.Second, Columns: []string{"n"}, Rows: [][]any{{42}}}
	}
	return gatewayfake.Outcome{}
}

// TestFlinkSQLRunsStatementsInOrder runs DDL, an INSERT and a SELECT on
// every gateway API version: one session with the configured properties,
// each statement once with its pipeline.name, the SELECT's row in
// wf:actionData, the session closed.
func TestFlinkSQLRunsStatementsInOrder(t *testing.T) {
	for _, v := range gatewayfake.Versions {
		t.Run(v, func(t *testing.T) {
			env := newSQLEnv(t, gatewayfake.Options{Version: v, Script: sqlScript}, 0,
				"CREATE TABLE IF NOT EXISTS t (a INT)", "INSERT INTO t SELECT 1", "SELECT two FROM t WHERE d = '${day}';")
			id := env.start()
			if res := env.check(id); res.Status != runner.Running {
				t.Fatalf("first check %+v", res)
			}
			r := env.row(id)
			if r.externalStatus != "RUNNING" || r.externalID == "" {
				t.Fatalf("row %s %s %q", r.status, r.externalStatus, r.externalID)
			}
			env.clk.add(11 * time.Second)
			env.check(id)
			env.clk.add(2 * time.Second)
			res := env.check(id)
			if res.Status != runner.Succeeded {
				t.Fatalf("result %+v", res)
			}
			want := []string{"CREATE TABLE IF NOT EXISTS t (a INT)", "INSERT INTO t SELECT 1", "SELECT two FROM t WHERE d = '2025-03-30'"}
			if diff := cmp.Diff(want, env.statements()); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
			for i, x := range env.fake.Executions() {
				if name := fmt.Sprintf("coordc:%s@q:0:%d", id, i+1); x.Config["pipeline.name"] != name {
					t.Errorf("statement %d ran as %q, want %q", i+1, x.Config["pipeline.name"], name)
				}
			}
			r = env.row(id)
			wantData := map[string]string{"d": "a", "d.1": "a", "d.2": "b", "n": "1", "n.1": "1", "n.2": "", "rows": "2"}
			if diff := cmp.Diff(wantData, r.data); diff != "" || r.status != ActionOK || r.externalStatus != "FINISHED" {
				t.Errorf("row %s %s, data (-want +got):\n%s", r.status, r.externalStatus, diff)
			}
			if open := env.fake.OpenSessions(); len(open) != 0 {
				t.Errorf("sessions left open: %v", open)
			}
		})
	}
}

// TestFlinkSQLActionData: a single-row result reaches wf:actionData.
func TestFlinkSQLActionData(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "SELECT count(*) AS n FROM t")
	id := env.start()
	env.check(id)
	env.clk.add(2 * time.Second)
	if res := env.check(id); res.Status != runner.Killed || res.ErrorMessage != "one row: 42" {
		t.Errorf("result %+v", res)
	}
}

// TestFlinkSQLStatementFails: a failing statement takes the error
// transition with the gateway's cause; later statements never run.
func TestFlinkSQLStatementFails(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO broken SELECT 1", "SELECT 1")
	id := env.start()
	env.check(id)
	env.clk.add(2 * time.Second)
	res := env.check(id)
	if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "SQL_ERROR: statement 1 (INSERT INTO broken SELECT 1) failed: ") ||
		!strings.Contains(res.ErrorMessage, "Object 'broken' not found") {
		t.Errorf("result %+v", res)
	}
	if got := env.statements(); len(got) != 1 {
		t.Errorf("executed %v", got)
	}
	if open := env.fake.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
}

// TestFlinkSQLRetry: with retry-max, a failed attempt runs again in a new
// session whose statements carry the attempt number.
func TestFlinkSQLRetry(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 1, "INSERT INTO broken SELECT 1")
	id := env.start()
	env.check(id)
	env.clk.add(2 * time.Second)
	env.check(id)
	if r := env.row(id); r.status != ActionUserRetry {
		t.Fatalf("status %s", r.status)
	}
	env.clk.add(time.Minute)
	env.check(id)
	env.clk.add(2 * time.Second)
	if res := env.check(id); res.Status != runner.Killed {
		t.Fatalf("result %+v", res)
	}
	x := env.fake.Executions()
	if len(x) != 2 || x[1].Config["pipeline.name"] != "coordc:"+id+"@q:1:1" || x[0].Session == x[1].Session {
		t.Errorf("executions %+v", x)
	}
}

// TestFlinkSQLKill cancels the running statement and closes the session.
func TestFlinkSQLKill(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1")
	id := env.start()
	env.check(id)
	op := env.fake.Executions()[0].Operation
	if err := env.e.Kill(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if r := env.row(id); r.status != ActionKilled {
		t.Errorf("status %s", r.status)
	}
	if n := env.fake.Count("POST /sessions/:session_handle/operations/:operation_handle/cancel"); n != 1 {
		t.Errorf("%d cancels of %s", n, op)
	}
	if open := env.fake.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
}

// TestFlinkSQLTimeout cancels a statement running past FlinkSQLTimeout.
func TestFlinkSQLTimeout(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1")
	env.e.FlinkSQLTimeout = 5 * time.Second
	id := env.start()
	env.check(id)
	env.clk.add(6 * time.Second)
	res := env.check(id)
	if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "TIMEOUT: the Flink SQL action ran longer than 5s") {
		t.Errorf("result %+v", res)
	}
	if n := env.fake.Count("POST /sessions/:session_handle/operations/:operation_handle/cancel"); n != 1 {
		t.Errorf("%d cancels", n)
	}
}

// TestFlinkSQLRecoversRunningStatement: another engine (apply restarted)
// follows the recorded operation; nothing runs twice.
func TestFlinkSQLRecoversRunningStatement(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1", "SELECT two")
	id := env.start()
	env.check(id)
	other := newEngine(env.e.db, env.clk)
	other.FlinkSQL = env.client()
	env.clk.add(11 * time.Second)
	if _, err := other.Check(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	env.clk.add(2 * time.Second)
	if res, err := other.Check(context.Background(), id); err != nil || res.Status != runner.Succeeded {
		t.Fatalf("result %+v %v", res, err)
	}
	if got := env.statements(); len(got) != 2 {
		t.Errorf("executed %v", got)
	}
}

// TestFlinkSQLUnansweredSubmit: the gateway ran a statement but its answer
// was lost (as when apply dies during the call). An INSERT is not sent
// again and the action fails UNCERTAIN, its session closed; a SELECT is
// sent again.
func TestFlinkSQLUnansweredSubmit(t *testing.T) {
	t.Run("insert", func(t *testing.T) {
		env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1")
		env.fake.DropNextExecuteAnswer(1)
		id := env.start()
		res := env.check(id) // the lost answer is decided within the same check
		if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "UNCERTAIN: statement 1 (INSERT INTO t SELECT 1) was being submitted") {
			t.Errorf("result %+v", res)
		}
		if got := env.statements(); len(got) != 1 {
			t.Errorf("executed %v", got)
		}
		if open := env.fake.OpenSessions(); len(open) != 0 {
			t.Errorf("sessions left open: %v", open)
		}
	})
	t.Run("select", func(t *testing.T) {
		env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "SELECT two")
		env.fake.DropNextExecuteAnswer(1)
		id := env.start()
		env.check(id)
		env.clk.add(2 * time.Second)
		if res := env.check(id); res.Status != runner.Succeeded {
			t.Errorf("result %+v", res)
		}
		if got := env.statements(); len(got) != 2 {
			t.Errorf("executed %v", got)
		}
	})
}

// TestFlinkSQLGatewayRestart: the gateway forgot the session. Statements
// that are safe to repeat start over in a new session; an INSERT is LOST.
func TestFlinkSQLGatewayRestart(t *testing.T) {
	t.Run("select", func(t *testing.T) {
		env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "SET 'a' = 'b'", "SELECT two")
		id := env.start()
		env.check(id)
		env.fake.Restart()
		env.check(id)
		env.clk.add(2 * time.Second)
		if res := env.check(id); res.Status != runner.Succeeded {
			t.Errorf("result %+v", res)
		}
		if got := env.statements(); len(got) != 4 {
			t.Errorf("executed %v", got)
		}
	})
	t.Run("insert", func(t *testing.T) {
		env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1")
		id := env.start()
		env.check(id)
		env.fake.Restart()
		res := env.check(id)
		if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "LOST: the Flink SQL Gateway no longer knows session") {
			t.Errorf("result %+v", res)
		}
	})
}

// TestFlinkSQLOutputLimit: results over Oozie's 2048 characters fail the
// action (OUTPUT_ERROR) instead of being cut.
func TestFlinkSQLOutputLimit(t *testing.T) {
	rows := make([][]any, 300)
	for i := range rows {
		rows[i] = []any{strings.Repeat("x", 10)}
	}
	env := newSQLEnv(t, gatewayfake.Options{Script: func(string) gatewayfake.Outcome {
		return gatewayfake.Outcome{Columns: []string{"c"}, Rows: rows}
	}}, 0, "SELECT c FROM big")
	id := env.start()
	res := env.check(id)
	if res.Status != runner.Killed || !strings.Contains(res.ErrorMessage, "OUTPUT_ERROR: Output data size [more than 2048] exceeds maximum [2048]") {
		t.Errorf("result %+v", res)
	}
}

// TestFlinkSQLWithoutGateway fails the action with LAUNCH_ERROR.
func TestFlinkSQLWithoutGateway(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{}, 0, "SELECT 1")
	env.e.FlinkSQL = nil
	id := env.start()
	if res := env.check(id); res.Status != runner.Killed || !strings.Contains(res.ErrorMessage, "LAUNCH_ERROR: no Flink SQL Gateway is configured") {
		t.Errorf("result %+v", res)
	}
}

// TestFlinkSQLStepsAreCompareAndSwap: of two engines holding the same row,
// only the first takes a step; the other is superseded and sends nothing.
func TestFlinkSQLStepsAreCompareAndSwap(t *testing.T) {
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript}, 0, "INSERT INTO t SELECT 1", "SELECT two")
	id := env.start()
	env.check(id)
	mine, theirs := env.row(id), env.row(id)
	var run sqlRun
	if err := json.Unmarshal([]byte(mine.conf), &run); err != nil {
		t.Fatal(err)
	}
	if err := env.e.saveSQL(context.Background(), mine, &run, mine.externalID, sqlOpen); err != nil {
		t.Fatal(err)
	}
	if err := env.e.saveSQL(context.Background(), theirs, &run, theirs.externalID, sqlSubmitting); err != errSuperseded {
		t.Errorf("stale step: %v, want errSuperseded", err)
	}
	other := newEngine(env.e.db, env.clk)
	other.FlinkSQL = env.client()
	a := &nodeRun{r: theirs}
	if step, err := other.submitSQL(context.Background(), a, &run); err != errSuperseded || step != sqlWait {
		t.Errorf("stale submit: %v %v", step, err)
	}
	if got := env.statements(); len(got) != 1 {
		t.Errorf("executed %v", got)
	}
}
