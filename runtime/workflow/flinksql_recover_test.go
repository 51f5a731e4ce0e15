package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/flinksql"
	"github.com/coordc/coordc/runtime/flinksql/gatewayfake"
	"github.com/coordc/coordc/runtime/runner"
)

// newSQLFlinkEnv is a sqlEnv whose gateway submits each INSERT as a job
// of a fake Flink cluster, named by the statement's pipeline.name, with
// the engine knowing that cluster. The execute answer of the first
// statement that is not safe to repeat is lost.
func newSQLFlinkEnv(t *testing.T, script flinkfake.Script, props string, statements ...string) (*sqlEnv, *flinkfake.Server) {
	t.Helper()
	var fc *flink.Client
	var gw *gatewayfake.Server
	n, dropped := 0, false
	submit := func(x gatewayfake.Execution) {
		if !flinksql.Rerunnable(x.Statement) && !dropped {
			dropped = true
			gw.DropNextExecuteAnswer(1)
		}
		if !strings.HasPrefix(x.Statement, "INSERT") {
			return
		}
		n++
		jar := flink.Jar{Name: "sql.jar", Content: []byte("PK sql")}
		if _, err := fc.Submit(context.Background(), jar, flink.RunRequest{JobID: flink.JobID(x.Operation, n), EntryClass: "org.example.SqlJob", FlinkConfiguration: x.Config}); err != nil {
			t.Error(err)
		}
	}
	env := newSQLEnv(t, gatewayfake.Options{Script: sqlScript, OnExecute: submit}, 0, statements...)
	gw = env.fake
	fl := flinkfake.New(flinkfake.Options{Clock: clocktest.Func(env.clk.now), Script: func(flinkfake.RunInfo) flinkfake.Script { return script }})
	t.Cleanup(fl.Close)
	var err error
	if fc, err = flink.New(flink.Config{BaseURL: fl.URL(), Clock: clocktest.Func(env.clk.now), Retry: flink.RetryPolicy{MaxAttempts: 1}}); err != nil {
		t.Fatal(err)
	}
	env.e.Flink = fc
	if props != "" {
		name, value, _ := strings.Cut(props, "=")
		path := filepath.Join(env.app, "workflow.xml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		wf := strings.Replace(string(data), "<property><name>execution.runtime-mode</name>",
			"<property><name>"+name+"</name><value>"+value+"</value></property><property><name>execution.runtime-mode</name>", 1)
		if err := os.WriteFile(path, []byte(wf), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return env, fl
}

// TestFlinkSQLLostAnswerFoundInFlink: the INSERT's answer was lost, but
// Flink has a job named by its pipeline.name, so it ran: the action
// succeeds (the operation finishes at submission) without running it
// again, with the job id as its data.
func TestFlinkSQLLostAnswerFoundInFlink(t *testing.T) {
	env, fl := newSQLFlinkEnv(t, flinkfake.DefaultScript(), "", "INSERT INTO t SELECT 1")
	id := env.start()
	if res := env.check(id); res.Status != runner.Killed || res.ErrorMessage != "one row: " { // the decision on rows
		t.Fatalf("result %+v", res)
	}
	r := env.row(id)
	jobs := fl.Jobs()
	if r.status != ActionOK || len(jobs) != 1 || r.data["job id"] != jobs[0].Run.JobID || r.data["rows"] != "1" {
		t.Errorf("row %s data %v, jobs %+v", r.status, r.data, jobs)
	}
	if got := env.statements(); len(got) != 1 {
		t.Errorf("executed %v", got)
	}
	if open := env.fake.OpenSessions(); len(open) != 0 {
		t.Errorf("sessions left open: %v", open)
	}
}

// TestFlinkSQLLostAnswerFollowsJob: with table.dml-sync the found job is
// followed to its end.
func TestFlinkSQLLostAnswerFollowsJob(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script flinkfake.Script
		want   runner.Status
		code   string
	}{
		{"finished", flinkfake.DefaultScript(), runner.Killed, "one row: "}, // ok, then the decision on rows
		{"failed", flinkfake.FailingScript(5*time.Second, flinkfake.Failure{ExceptionName: "java.io.IOException", Message: "disk"}), runner.Killed, "FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := newSQLFlinkEnv(t, tc.script, "table.dml-sync=true", "INSERT INTO t SELECT 1")
			id := env.start()
			if res := env.check(id); res.Status != runner.Running {
				t.Fatalf("first check %+v", res)
			}
			if r := env.row(id); r.externalStatus == "" || r.status != ActionRunning {
				t.Fatalf("row %s %s", r.status, r.externalStatus)
			}
			env.clk.add(time.Minute)
			res := env.check(id)
			if res.Status != tc.want || !strings.HasPrefix(res.ErrorMessage, tc.code) {
				t.Errorf("result %+v", res)
			}
			if got := env.statements(); len(got) != 1 {
				t.Errorf("executed %v", got)
			}
			if r := env.row(id); (r.status == ActionOK) != (tc.code == "one row: ") {
				t.Errorf("row %s", r.status)
			}
		})
	}
}

// TestFlinkSQLLostAnswerUncertain: without a job of that name, or with
// statements after it, the action fails UNCERTAIN and says what Flink
// knows.
func TestFlinkSQLLostAnswerUncertain(t *testing.T) {
	t.Run("not found", func(t *testing.T) {
		env, _ := newSQLFlinkEnv(t, flinkfake.DefaultScript(), "", "ALTER TABLE t SET ('a' = 'b')")
		id := env.start()
		res := env.check(id)
		if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "UNCERTAIN: ") || !strings.Contains(res.ErrorMessage, "Flink has no job named \"coordc:"+id+"@q:0:1\"") {
			t.Errorf("result %+v", res)
		}
	})
	t.Run("failed job", func(t *testing.T) {
		env, _ := newSQLFlinkEnv(t, flinkfake.FailingScript(time.Second, flinkfake.Failure{ExceptionName: "java.io.IOException", Message: "disk"}),
			"table.dml-sync=true", "INSERT INTO t SELECT 1", "SELECT two")
		id := env.start()
		env.check(id)
		env.clk.add(time.Minute)
		if res := env.check(id); res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "FAILED: statement 1 (INSERT INTO t SELECT 1) ran as Flink job ") {
			t.Errorf("result %+v", res)
		}
		if got := env.statements(); len(got) != 1 {
			t.Errorf("executed %v", got)
		}
	})
}

// TestFlinkSQLLostAnswerResumes: a statement found in Flink that is not
// the last one counts as done; the run goes on in a new session, where the
// statements before it that are safe to repeat (SET) are replayed and the
// others are not.
func TestFlinkSQLLostAnswerResumes(t *testing.T) {
	for _, props := range []string{"", "table.dml-sync=true"} {
		t.Run("props="+props, func(t *testing.T) {
			env, _ := newSQLFlinkEnv(t, flinkfake.DefaultScript(), props, "SET 'a' = 'b'", "INSERT INTO t SELECT 1", "SELECT two")
			id := env.start()
			env.check(id)
			for i := 0; i < 5 && env.row(id).status == ActionRunning; i++ {
				env.clk.add(10 * time.Second)
				env.check(id)
			}
			if r := env.row(id); r.status != ActionOK || r.data["rows"] != "2" {
				t.Errorf("row %s %s %v", r.status, r.errorMessage, r.data)
			}
			want := []string{"SET 'a' = 'b'", "INSERT INTO t SELECT 1", "SET 'a' = 'b'", "SELECT two"}
			if diff := cmp.Diff(want, env.statements()); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
			x := env.fake.Executions()
			if x[1].Session == x[2].Session || x[2].Session != x[3].Session {
				t.Errorf("sessions %s %s %s %s", x[0].Session, x[1].Session, x[2].Session, x[3].Session)
			}
			if open := env.fake.OpenSessions(); len(open) != 0 {
				t.Errorf("sessions left open: %v", open)
			}
		})
	}
}
