package server

import (
	"context"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/coordc/coordc/runtime/workflow"
)

// wfRerunner records the workflow reruns it is asked for and refuses one
// without a skip or fail property as the workflow engine does (E0401).
type wfRerunner struct {
	inPlaceRunner
	mu    sync.Mutex
	confs map[string]map[string]string
}

func (r *wfRerunner) Rerun(_ context.Context, id string, conf map[string]string) error {
	if conf[workflow.ConfRerunSkipNodes] == "" && conf[workflow.ConfRerunFailNodes] == "" {
		return &workflow.RerunError{Code: diag.E0401, Msg: "Missing configuration property"}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.confs[id] = conf
	return nil
}

// TestOozieRerunWorkflow: PUT /oozie/v2/job/{wfjob}?action=rerun with a
// configuration body (Oozie's "Re-Running a Workflow Job", made by an
// independent HTTP client) reruns the current workflow of an ended action
// with the body's properties (without user.name and the application
// path), and brings the action and its KILLED job back to RUNNING; the
// workflow's refusal keeps its code, a workflow that is not the action's
// current run is E1018, an unknown action 404, other actions on a workflow
// job E0307.
func TestOozieRerunWorkflow(t *testing.T) {
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rr := &wfRerunner{confs: map[string]map[string]string{}}
	f := &fixture{st: st, logDir: t.TempDir()}
	f.srv = New(Config{Store: st, LogDir: f.logDir, Version: "test", NewScheduler: func() *scheduler.Scheduler {
		load := func(context.Context, state.Job) (*ir.Coordinator, error) { return &ir.Coordinator{}, nil }
		return &scheduler.Scheduler{Store: st, Dir: f.logDir, Load: load, Runner: rr}
	}}, nil)
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	id := f.seed(t, "alpha", 1)
	a := state.ActionID(id, 1)
	wf := a + "-W0"
	if _, err := st.DB().Exec(`UPDATE coord_actions SET status = 'KILLED', external_id = ? WHERE id = ?`, wf, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`UPDATE coord_jobs SET status = 'KILLED' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	conf := func(props map[string]string) string { return string(ConfigurationXML(props)) }
	ct := []string{"Content-Type", "application/xml;charset=UTF-8"}

	status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+wf+"?action=rerun", conf(map[string]string{"user.name": "tester"}), ct...)
	wantError(t, "rerun without skip or fail nodes", status, hdr, 400, "E0401")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+a+"-W7?action=rerun", conf(map[string]string{workflow.ConfRerunFailNodes: "true"}), ct...)
	wantError(t, "rerun of an earlier run", status, hdr, 400, "E1018")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+state.ActionID(id, 9)+"-W0?action=rerun", conf(map[string]string{workflow.ConfRerunFailNodes: "true"}), ct...)
	wantError(t, "rerun of an unknown action's workflow", status, hdr, 404, "E0604")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+wf+"?action=kill", "")
	wantError(t, "kill of a workflow job", status, hdr, 400, "E0307")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+wf+"?action=rerun", "<configuration", ct...)
	if status != 400 || !strings.HasPrefix(hdr.Get("oozie-error-code"), "E") {
		t.Errorf("rerun with a broken body: %d %v", status, hdr)
	}

	body := conf(map[string]string{"user.name": "tester", propWfPath: "hdfs://nn/app", workflow.ConfRerunSkipNodes: "a,b", "note": "again"})
	if status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+wf+"?action=rerun", body, ct...); status != 200 {
		t.Fatalf("rerun: %d %v", status, hdr)
	}
	if want := (map[string]map[string]string{wf: {workflow.ConfRerunSkipNodes: "a,b", "note": "again"}}); !reflect.DeepEqual(rr.confs, want) {
		t.Errorf("reruns %v, want %v", rr.confs, want)
	}
	ctx := context.Background()
	if got, err := st.GetAction(ctx, a); err != nil || got.Status != state.Running || got.ExternalID != wf {
		t.Errorf("action %+v %v, want RUNNING %s", got, err, wf)
	}
	if j, err := st.GetJob(ctx, id); err != nil || j.Status != state.JobRunning {
		t.Errorf("job %s %v, want RUNNING", j.Status, err)
	}
}
