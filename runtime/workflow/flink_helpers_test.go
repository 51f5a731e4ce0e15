package workflow

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/runner"
)

// flinkEnv is an engine with a fake Flink JobManager on loopback, sharing
// one clock, and a workflow application directory with a jar.
type flinkEnv struct {
	t    *testing.T
	clk  *clock
	fake *flinkfake.Server
	db   *sql.DB
	e    *Engine
	app  string
}

const flinkWorkflow = `<workflow-app name="flinky" xmlns="uri:oozie:workflow:0.5">
  <start to="job"/>
  <action name="job">
    <flink xmlns="uri:coordc:flink-action:0.1">
      <jar>lib/job.jar</jar>
      <entry-class>com.example.Job</entry-class>
      <parallelism>${par}</parallelism>
      <arg>--in</arg>
      <arg>${in}</arg>
      %SAVEPOINT%
      <flink-configuration>
        <property><name>state.savepoints.dir</name><value>file:///savepoints</value></property>
      </flink-configuration>
    </flink>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorCode('job')}: ${wf:errorMessage('job')}</message></kill>
  <end name="end"/>
</workflow-app>
`

func newFlinkEnv(t *testing.T, opts flinkfake.Options, savepoint bool) *flinkEnv {
	t.Helper()
	clk := &clock{t: epoch}
	opts.Clock = clocktest.Func(clk.now)
	fake := flinkfake.New(opts)
	t.Cleanup(fake.Close)
	db, _ := newDB(t)
	env := &flinkEnv{t: t, clk: clk, fake: fake, db: db, e: newEngine(db, clk), app: t.TempDir()}
	env.e.Flink = env.client(fake.URL())
	sp := ""
	if savepoint {
		sp = "<savepoint-path>file:///savepoints/sp-1</savepoint-path>"
	}
	wf := []byte(strings.ReplaceAll(flinkWorkflow, "%SAVEPOINT%", sp))
	if err := os.WriteFile(filepath.Join(env.app, "workflow.xml"), wf, 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(env.app, "lib"), 0o755)
	if err := os.WriteFile(filepath.Join(env.app, "lib", "job.jar"), []byte("PK not really a jar"), 0o644); err != nil {
		t.Fatal(err)
	}
	return env
}

// client is a Flink client for base with fast, bounded retries.
func (env *flinkEnv) client(base string) *flink.Client {
	env.t.Helper()
	c, err := flink.New(flink.Config{BaseURL: base, Clock: clocktest.Func(env.clk.now), RequestTimeout: 5 * time.Second,
		Retry: flink.RetryPolicy{MaxAttempts: 3}})
	if err != nil {
		env.t.Fatal(err)
	}
	return c
}

// start creates a workflow job for coordinator action n.
func (env *flinkEnv) start(actionID string, in string) string {
	env.t.Helper()
	id, err := env.e.Start(context.Background(), runner.Request{ActionID: actionID, AppPath: env.app,
		Conf: map[string]string{"in": in, "par": "2"}, User: "tester", Dir: env.t.TempDir()})
	if err != nil {
		env.t.Fatal(err)
	}
	return id
}

// check runs one Check.
func (env *flinkEnv) check(id string) runner.Result {
	env.t.Helper()
	res, err := env.e.Check(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	return res
}

// row is the flink node's row of workflow job id.
func (env *flinkEnv) row(id string) *actionRow {
	env.t.Helper()
	rows, err := loadActions(context.Background(), env.db, id)
	if err != nil {
		env.t.Fatal(err)
	}
	for _, r := range rows {
		if r.name == "job" {
			return r
		}
	}
	env.t.Fatalf("no row for node job in %s", id)
	return nil
}
