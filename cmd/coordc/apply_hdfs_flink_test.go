package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/lower/ooziexml"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// flinkCoordinator is issue 7's acceptance coordinator
// (testdata/hdfs-flink), shared with runtime/settings' TestAcceptance.
var flinkCoordinator = readTestdata("hdfs-flink/coordinator.xml")

// flinkWorkflow is the workflow app at hdfs://ns1/apps/daily: one Flink
// job whose --in/--out come from the coordinator's dataIn/dataOut.
const flinkWorkflow = `<workflow-app name="daily" xmlns="uri:oozie:workflow:0.5">
  <start to="aggregate"/>
  <action name="aggregate">
    <flink xmlns="uri:coordc:flink-action:0.1">
      <jar>lib/aggregate.jar</jar>
      <entry-class>com.example.Aggregate</entry-class>
      <arg>--in</arg><arg>${input}</arg>
      <arg>--out</arg><arg>${output}</arg>
    </flink>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/>
</workflow-app>
`

// readTestdata reads a file of the repository's testdata directory, found
// from this source file so that it works in re-executed child processes
// whatever their working directory.
func readTestdata(name string) string {
	_, self, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "..", "testdata", filepath.FromSlash(name)))
	if err != nil {
		panic(err)
	}
	return string(data)
}

// quickScript is flinkfake.DefaultScript compressed to fractions of a
// second, so that apply (on the wall clock) finishes quickly.
func quickScript(flinkfake.RunInfo) flinkfake.Script {
	return flinkfake.Script{
		{State: flinkfake.StateCreated},
		{After: 50 * time.Millisecond, State: flinkfake.StateRunning},
		{After: 200 * time.Millisecond, State: flinkfake.StateFinished},
	}
}

// fakeCluster is a WebHDFS fake (two NameNodes, the second active) and a
// Flink fake of one flavour, on loopback, with the daily input directories
// of 2025-01-01..03 of which only 01 and 03 are done. The flags naming them
// win over COORDC_WEBHDFS and COORDC_FLINK, and the repository holds no
// .coordc.hcl, so tests using it need neither t.Setenv nor t.Chdir and can
// run in parallel. Requests carry the login name (or HADOOP_USER_NAME);
// the files are world-readable, and nothing is written.
type fakeCluster struct {
	hdfs  *webhdfsfake.Server
	flink *flinkfake.Server
}

func newFakeCluster(t *testing.T, flavor flinkfake.Flavor) *fakeCluster {
	t.Helper()
	hdfs := webhdfsfake.New(webhdfsfake.Options{NameNodes: 2, Superuser: "etl"})
	t.Cleanup(hdfs.Close)
	for _, p := range []string{"/data/in/2025/01/01/_SUCCESS", "/data/in/2025/01/03/_SUCCESS"} {
		if err := hdfs.WriteFile(p, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := hdfs.MkdirAll("/data/in/2025/01/02"); err != nil { // never done
		t.Fatal(err)
	}
	hdfs.SetActive(1) // the client must fail over from the first NameNode
	fl := flinkfake.New(flinkfake.Options{Flavor: flavor, Clock: clock.System, Script: quickScript})
	t.Cleanup(fl.Close)
	return &fakeCluster{hdfs: hdfs, flink: fl}
}

// runtimeFlags are the --webhdfs and --flink flags naming the fakes.
func (c *fakeCluster) runtimeFlags() []string {
	return []string{"--webhdfs", "ns1=" + strings.Join(c.hdfs.NameNodeURLs(), ","), "--flink", c.flink.URL()}
}

// put writes files into the WebHDFS fake.
func (c *fakeCluster) put(t *testing.T, files map[string]string) {
	t.Helper()
	for p, data := range files {
		if err := c.hdfs.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
}

// applyArgs are the arguments of `coordc apply --until-done` on def
// against the fakes, with a state database in dir. The run takes a little
// over a minute: apply runs on the wall clock, and Oozie times a WAITING
// action out only when the whole minutes since max(nominal time, creation)
// exceed timeout, so timeout 0 means "after the first minute".
func (c *fakeCluster) applyArgs(dir, def string) []string {
	args := append([]string{"apply", "--until-done", "--poll-interval", "20ms", "--state", filepath.Join(dir, "state.db")},
		c.runtimeFlags()...)
	return append(args, def)
}

// checkAcceptance checks the outcome of issue 7's acceptance run, as
// `coordc status -o json` and the Flink fake report it: actions 1 and 3
// SUCCEEDED, 2 TIMEDOUT, the job DONEWITHERROR, two FINISHED Flink jobs
// with the resolved arguments and their own job ids (derived from the
// workflow action ids), and one jar upload, deleted once the job finished. flinkNode names the workflow's
// flink action node.
func (c *fakeCluster) checkAcceptance(t *testing.T, dir, flinkNode string) {
	t.Helper()
	rep := statusOf(t, "--state", filepath.Join(dir, "state.db"))
	if len(rep.Jobs) != 1 {
		t.Fatalf("status lists %d jobs, want 1: %+v", len(rep.Jobs), rep)
	}
	job := rep.Jobs[0]
	if job.Status != state.JobDoneWithError {
		t.Errorf("job status %s, want DONEWITHERROR", job.Status)
	}
	var got []string
	for _, a := range job.Actions {
		got = append(got, fmt.Sprintf("%d %s %s %s", a.Number, a.NominalTime, a.Status, a.ExternalID))
	}
	w := func(n int) string { return scheduler.WorkflowID(state.ActionID(job.ID, n), 0) }
	want := []string{
		"1 2025-01-01T00:00:00Z SUCCEEDED " + w(1),
		"2 2025-01-02T00:00:00Z TIMEDOUT ",
		"3 2025-01-03T00:00:00Z SUCCEEDED " + w(3),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}

	type run struct {
		ID, State, Entry string
		Args             []string
	}
	var runs []run
	for _, j := range c.flink.Jobs() {
		runs = append(runs, run{j.Run.JobID, j.State, j.Run.EntryClass, j.Run.ProgramArgs})
	}
	wantRuns := []run{
		{flink.JobID(w(1)+"@"+flinkNode, 0), flinkfake.StateFinished, "com.example.Aggregate",
			[]string{"--in", "hdfs://ns1/data/in/2025/01/01", "--out", "hdfs://ns1/data/out/2025/01/01"}},
		{flink.JobID(w(3)+"@"+flinkNode, 0), flinkfake.StateFinished, "com.example.Aggregate",
			[]string{"--in", "hdfs://ns1/data/in/2025/01/03", "--out", "hdfs://ns1/data/out/2025/01/03"}},
	}
	if diff := cmp.Diff(wantRuns, runs); diff != "" {
		t.Errorf("Flink jobs (-want +got):\n%s", diff)
	}
	if n := c.flink.Count("POST /jars/upload"); n != 1 {
		t.Errorf("%d jar uploads, want 1", n)
	}
	if n := len(c.flink.Jars()); n != 0 {
		t.Errorf("the cluster holds %d jars after every job finished, want 0 (coordc deletes the jars it uploaded)", n)
	}
}

// applyScenario is one apply run against its own fakes: def on cluster,
// checked with flinkNode as the workflow's flink node.
type applyScenario struct {
	name      string
	cluster   *fakeCluster
	dir, def  string
	flinkNode string
}

// TestApplyHDFSFlink is issue 7's acceptance test through the CLI: `coordc
// apply --until-done --webhdfs … --flink …` on a local coordinator.xml
// whose datasets and workflow app are on HDFS, against both Flink REST
// flavours, and on the same coordinator written in HCL with a flink block
// (apply generates its one-node workflow; the relative jar is resolved
// against app_path on HDFS). Each run waits out Oozie's one-minute
// timeout, so the three run at once, each against its own fakes.
func TestApplyHDFSFlink(t *testing.T) {
	t.Parallel()
	var runs []applyScenario
	for _, flavor := range []flinkfake.Flavor{flinkfake.Flink120, flinkfake.Flink2} {
		c := newFakeCluster(t, flavor)
		c.put(t, map[string]string{
			"/apps/daily/workflow.xml":      flinkWorkflow,
			"/apps/daily/lib/aggregate.jar": "PK aggregate program",
		})
		dir := t.TempDir()
		def := filepath.Join(dir, "coordinator.xml")
		if err := os.WriteFile(def, []byte(flinkCoordinator), 0o644); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, applyScenario{"xml/flink-" + flavor.String(), c, dir, def, "aggregate"})
	}
	c := newFakeCluster(t, flinkfake.Flink2)
	c.put(t, map[string]string{"/apps/daily/lib/aggregate.jar": "PK aggregate program"})
	dir, def := writeFlinkHCL(t)
	runs = append(runs, applyScenario{"hcl/flink-2.x", c, dir, def, ooziexml.FlinkNode})

	codes := make([]int, len(runs))
	stderrs := make([]string, len(runs))
	var wg sync.WaitGroup
	for i, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, stderrs[i], codes[i] = coordc(t, r.cluster.applyArgs(r.dir, r.def)...)
		}()
	}
	wg.Wait()
	for i, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			if codes[i] != exitProblems {
				t.Errorf("apply: exit %d, want %d\n%s", codes[i], exitProblems, stderrs[i])
			}
			r.cluster.checkAcceptance(t, r.dir, r.flinkNode)
			if r.cluster.hdfs.Count("LISTSTATUS") == 0 && r.cluster.hdfs.Count("LISTSTATUS_BATCH") == 0 {
				t.Error("the done-flag checks did not list the input directories")
			}
		})
	}
	for _, j := range runs[2].cluster.flink.Jobs() {
		if diff := cmp.Diff(map[string]string{"pipeline.name": "daily"}, j.Run.FlinkConfiguration); diff != "" {
			t.Errorf("HCL: job %s configuration (-want +got):\n%s", j.Run.JobID, diff)
		}
	}
}

// TestEvalLatestFlinkInputs resolves coord:latest(0) for the acceptance
// coordinator against the WebHDFS fake: day 02 has no _SUCCESS, so on 02
// the latest available instance is 01, on 03 it is 03.
func TestEvalLatestFlinkInputs(t *testing.T) {
	c := newFakeCluster(t, flinkfake.Flink2)
	dir := t.TempDir()
	def := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(def, []byte(flinkCoordinator), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ nominal, want string }{
		{"2025-01-02T00:00Z", "2025-01-01T00:00Z\n"},
		{"2025-01-03T00:00Z", "2025-01-03T00:00Z\n"},
	} {
		args := append([]string{"eval"}, c.runtimeFlags()...)
		args = append(args, "--nominal-time", tc.nominal, "--data-in", "input", def, "${coord:latest(0)}")
		stdout, stderr, code := coordc(t, args...)
		if code != exitOK {
			t.Fatalf("eval at %s: exit %d\n%s", tc.nominal, code, stderr)
		}
		if diff := cmp.Diff(tc.want, stdout); diff != "" {
			t.Errorf("latest(0) at %s (-want +got):\n%s", tc.nominal, diff)
		}
	}
}
