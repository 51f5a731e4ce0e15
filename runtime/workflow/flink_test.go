package workflow

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/runner"
)

// TestFlinkActionSucceeds runs a flink action to FINISHED on both Flink
// release lines: the job id is derived from the node's id and attempt and
// recorded, the request carries the resolved definition, the ok transition
// is taken.
func TestFlinkActionSucceeds(t *testing.T) {
	for _, flavor := range []flinkfake.Flavor{flinkfake.Flink2, flinkfake.Flink120} {
		t.Run(flavor.String(), func(t *testing.T) {
			env := newFlinkEnv(t, flinkfake.Options{Flavor: flavor}, false)
			id := env.start("c@1", "hdfs://ns1/in/2025-03-30")
			if res := env.check(id); res.Status != runner.Running {
				t.Fatalf("first check %+v", res)
			}
			r := env.row(id)
			jobID := flink.JobID(id+"@job", 0)
			if r.status != "RUNNING" || r.externalID != jobID || r.externalStatus != "CREATED" {
				t.Fatalf("row %s %s %s, want RUNNING %s CREATED", r.status, r.externalID, r.externalStatus, jobID)
			}
			info, ok := env.fake.Job(jobID)
			if !ok {
				t.Fatalf("Flink has no job %s", jobID)
			}
			want := flinkfake.RunInfo{JobID: jobID, JarID: info.Run.JarID, EntryClass: "com.example.Job",
				ProgramArgs: []string{"--in", "hdfs://ns1/in/2025-03-30"}, Parallelism: 2,
				FlinkConfiguration: map[string]string{"state.savepoints.dir": "file:///savepoints"}}
			if diff := cmp.Diff(want, info.Run); diff != "" {
				t.Errorf("run request (-want +got):\n%s", diff)
			}
			env.clk.add(2 * time.Second)
			env.check(id)
			if r := env.row(id); r.externalStatus != "RUNNING" {
				t.Errorf("external status %s, want RUNNING", r.externalStatus)
			}
			env.clk.add(10 * time.Second)
			if res := env.check(id); res.Status != runner.Succeeded {
				t.Fatalf("result %+v", res)
			}
			if r := env.row(id); r.status != "OK" || r.externalStatus != "FINISHED" {
				t.Errorf("row %s %s", r.status, r.externalStatus)
			}
			if n := env.fake.Count("POST /jars/upload"); n != 1 {
				t.Errorf("%d uploads", n)
			}
		})
	}
}

// TestFlinkActionFails: a FAILED job takes the error transition with the
// job's exception in the error message.
func TestFlinkActionFails(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{Script: func(flinkfake.RunInfo) flinkfake.Script {
		return flinkfake.FailingScript(5*time.Second, flinkfake.Failure{ExceptionName: "java.lang.IllegalStateException", Message: "input is corrupt"})
	}}, false)
	id := env.start("c@1", "/in")
	env.check(id)
	env.clk.add(6 * time.Second)
	res := env.check(id)
	if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "FAILED: flink job "+flink.JobID(id+"@job", 0)+" ended FAILED: ") ||
		!strings.Contains(res.ErrorMessage, "input is corrupt") {
		t.Errorf("result %+v", res)
	}
}

// TestFlinkSubmitNeverLanded: the job id was recorded but the cluster was
// unreachable (as if apply died before the HTTP call). The next check finds
// no such job and submits it, once.
func TestFlinkSubmitNeverLanded(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{}, false)
	live := env.e.Flink
	env.e.Flink = env.client("http://127.0.0.1:1") // nothing listens there
	id := env.start("c@1", "/in")
	if res := env.check(id); res.Status != runner.Running {
		t.Fatalf("result %+v", res)
	}
	if r := env.row(id); r.status != "RUNNING" || r.externalStatus != flinkSubmitting || r.externalID == "" {
		t.Fatalf("row %s %s %q", r.status, r.externalStatus, r.externalID)
	}
	env.e = newEngine(env.db, env.clk) // a restarted process
	env.e.Flink = live
	env.check(id)
	if n := env.fake.Count("POST /jars/:jarid/run"); n != 1 {
		t.Errorf("%d runs, want 1", n)
	}
	if r := env.row(id); r.externalStatus != "CREATED" {
		t.Errorf("external status %s", r.externalStatus)
	}
}

// TestFlinkNoDuplicateAfterCrash: the submission landed but its outcome was
// never recorded (apply was killed between submit and the first poll). The
// next check sees the job in Flink and submits nothing.
func TestFlinkNoDuplicateAfterCrash(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{}, false)
	id := env.start("c@1", "/in")
	env.check(id)
	if _, err := env.db.Exec(`UPDATE wf_actions SET external_status = ? WHERE name = 'job'`, flinkSubmitting); err != nil {
		t.Fatal(err)
	}
	env.e = newEngine(env.db, env.clk)
	env.e.Flink = env.client(env.fake.URL())
	env.clk.add(11 * time.Second)
	if res := env.check(id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if n := env.fake.Count("POST /jars/:jarid/run"); n != 1 {
		t.Errorf("%d runs, want 1", n)
	}
	if n := len(env.fake.Jobs()); n != 1 {
		t.Errorf("%d jobs, want 1", n)
	}
}

// TestFlinkPollFaults: 500s and connection resets while polling leave the
// action running; it finishes once Flink answers again.
func TestFlinkPollFaults(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{}, false)
	id := env.start("c@1", "/in")
	env.check(id)
	env.fake.FailNext(3, flinkfake.Fault{Route: "GET /jobs/:jobid/status", Status: 500})
	env.fake.FailNext(3, flinkfake.Fault{Route: "GET /jobs/:jobid/status", Reset: true})
	env.clk.add(11 * time.Second)
	res := env.check(id)
	if res.Status != runner.Running {
		t.Fatalf("first check during faults: %+v", res)
	}
	for i := 0; i < 10 && res.Status == runner.Running; i++ {
		res = env.check(id)
	}
	if res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if n := env.fake.Count("GET /jobs/:jobid/status"); n < 7 {
		t.Errorf("%d status requests, want the 6 faulted ones and a good one", n)
	}
}

// TestFlinkKill: killing the workflow cancels the Flink job, or stops it
// with a savepoint (own trigger id) when the action has a savepoint path.
func TestFlinkKill(t *testing.T) {
	for _, savepoint := range []bool{false, true} {
		env := newFlinkEnv(t, flinkfake.Options{Script: func(flinkfake.RunInfo) flinkfake.Script { return flinkfake.RunForever() }}, savepoint)
		id := env.start("c@1", "/in")
		env.check(id)
		env.clk.add(2 * time.Second)
		if err := env.e.Kill(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		jobID := flink.JobID(id+"@job", 0)
		stops, cancels := env.fake.Count("POST /jobs/:jobid/stop"), env.fake.Count("PATCH /jobs/:jobid")
		if savepoint && (stops != 1 || cancels != 0) || !savepoint && (stops != 0 || cancels != 1) {
			t.Errorf("savepoint=%v: %d stops, %d cancels", savepoint, stops, cancels)
		}
		env.clk.add(5 * time.Second)
		if info, _ := env.fake.Job(jobID); (savepoint && info.State != "FINISHED") || (!savepoint && info.State != "CANCELED") {
			t.Errorf("savepoint=%v: job %s", savepoint, info.State)
		}
		if r := env.row(id); r.status != "KILLED" {
			t.Errorf("row %s", r.status)
		}
	}
}

// TestFlinkTimeout: a job running longer than FlinkTimeout is cancelled
// and the action ends in error TIMEOUT.
func TestFlinkTimeout(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{Script: func(flinkfake.RunInfo) flinkfake.Script { return flinkfake.RunForever() }}, false)
	env.e.FlinkTimeout = time.Minute
	id := env.start("c@1", "/in")
	env.check(id)
	env.clk.add(30 * time.Second)
	if res := env.check(id); res.Status != runner.Running {
		t.Fatalf("before the timeout: %+v", res)
	}
	env.clk.add(31 * time.Second)
	res := env.check(id)
	if res.Status != runner.Killed || !strings.HasPrefix(res.ErrorMessage, "TIMEOUT: Flink job ") || !strings.HasSuffix(res.ErrorMessage, "ran longer than 1m0s and was cancelled") {
		t.Errorf("result %+v", res)
	}
	if n := env.fake.Count("PATCH /jobs/:jobid"); n != 1 {
		t.Errorf("%d cancels", n)
	}
}

// TestFlinkNotConfigured: without a Flink client the action ends in error
// with a message that says how to configure one.
func TestFlinkNotConfigured(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{}, false)
	env.e.Flink = nil
	id := env.start("c@1", "/in")
	res := env.check(id)
	if res.Status != runner.Killed || res.ErrorMessage != "LAUNCH_ERROR: "+errNoFlink {
		t.Errorf("result %+v", res)
	}
}
