package settings_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/coordc/coordc/runtime/workflow"
)

// The acceptance fixture, shared with cmd/coordc's TestApplyHDFSFlink.
var (
	e2eCoordinator = readFixture("coordinator.xml")
	e2eWorkflow    = readFixture("workflow.xml")
)

func readFixture(name string) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hdfs-flink", name))
	if err != nil {
		panic(err)
	}
	return string(data)
}

// TestAcceptance is issue 7's acceptance test, end to end on loopback: a
// coordinator whose input and workflow are on HDFS (the WebHDFS fake),
// three days of which two have _SUCCESS, timeout 0, a workflow running a
// Flink job with the resolved --in/--out arguments. Result: two Flink jobs
// with their own job ids, one jar upload, two SUCCEEDED actions, one
// TIMEDOUT, and the job DONEWITHERROR (apply exits 1). The runtime objects
// come from settings, as `coordc apply` builds them.
func TestAcceptance(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(time.Date(2025, 1, 4, 6, 0, 0, 0, time.UTC))

	hdfs := webhdfsfake.New(webhdfsfake.Options{NameNodes: 2, Superuser: "etl", Clock: clock})
	t.Cleanup(hdfs.Close)
	for _, f := range []struct {
		path string
		data string
	}{
		{"/apps/daily/workflow.xml", e2eWorkflow},
		{"/apps/daily/lib/aggregate.jar", "PK aggregate program"},
		{"/data/in/2025/01/01/_SUCCESS", ""},
		{"/data/in/2025/01/03/_SUCCESS", ""},
	} {
		if err := hdfs.WriteFile(f.path, []byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	hdfs.MkdirAll("/data/in/2025/01/02") // no _SUCCESS: never ready
	fl := flinkfake.New(flinkfake.Options{Clock: clock})
	t.Cleanup(fl.Close)

	s, err := settings.Resolve([]string{"ns1=" + strings.Join(hdfs.NameNodeURLs(), ",")}, fl.URL(),
		func(string) string { return "" }, &settings.File{User: "etl"})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	store, err := state.Open(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	engine := workflow.New(store.DB())
	engine.Clock, engine.Files, engine.Flink = clock, rt.Storage, rt.Flink
	sched := &scheduler.Scheduler{Store: store, Runner: engine, Storage: rt.Storage, Clock: clock, Dir: filepath.Join(dir, "actions")}

	def := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(def, []byte(e2eCoordinator), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{def}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	job, err := sched.Submit(ctx, res.Project.Coordinators[0], scheduler.Meta{AppPath: def})
	if err != nil {
		t.Fatal(err)
	}
	hdfs.SetActive(1) // a NameNode failover before the first tick
	for i := 0; i < 40; i++ {
		rt.Storage.BeginTick(ctx)
		if _, err := sched.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if j, _ := store.GetJob(ctx, job); j.Status.Terminal() {
			break
		}
		clock.Advance(20 * time.Second)
	}

	rep, err := store.Status(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Jobs[0].Status; got != state.JobDoneWithError {
		t.Errorf("job status %s, want DONEWITHERROR", got)
	}
	var got []string
	for _, a := range rep.Jobs[0].Actions {
		got = append(got, fmt.Sprintf("%d:%s", a.Number, a.Status))
	}
	if diff := cmp.Diff([]string{"1:SUCCEEDED", "2:TIMEDOUT", "3:SUCCEEDED"}, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	jobs := fl.Jobs()
	var runs [][]string
	ids := map[string]bool{}
	for _, j := range jobs {
		runs = append(runs, j.Run.ProgramArgs)
		ids[j.Run.JobID] = true
		if j.State != "FINISHED" {
			t.Errorf("Flink job %s is %s", j.Run.JobID, j.State)
		}
	}
	want := [][]string{
		{"--in", "hdfs://ns1/data/in/2025/01/01", "--out", "hdfs://ns1/data/out/2025/01/01"},
		{"--in", "hdfs://ns1/data/in/2025/01/03", "--out", "hdfs://ns1/data/out/2025/01/03"},
	}
	if diff := cmp.Diff(want, runs); diff != "" {
		t.Errorf("Flink runs (-want +got):\n%s", diff)
	}
	for _, n := range []int{1, 3} {
		id := flink.JobID(scheduler.WorkflowID(state.ActionID(job, n), 0)+"@aggregate", 0)
		if !ids[id] {
			t.Errorf("no Flink job %s for action %d (jobs %v)", id, n, ids)
		}
	}
	if n := fl.Count("POST /jars/upload"); n != 1 {
		t.Errorf("%d jar uploads, want 1", n)
	}
	for _, day := range []string{"01", "03"} {
		if _, err := hdfs.ReadFile("/data/out/2025/01/" + day + "/_SUCCESS"); err != nil {
			t.Errorf("day %s: the fs action made no _SUCCESS: %v", day, err)
		}
	}
}
