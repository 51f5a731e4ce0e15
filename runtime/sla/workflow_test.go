package sla_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sla"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/coordc/coordc/runtime/workflow"
)

// slaWorkflow has an SLA on the job (start within 1 minute of the
// nominal time, end within 60, run at most 30) and on its shell action
// (start within 5, end within 10, run at most 2).
const slaWorkflow = `<workflow-app name="wf-sla" xmlns="uri:oozie:workflow:0.5" xmlns:sla="uri:oozie:sla:0.2">
  <start to="step"/>
  <action name="step">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>sh</exec>
      <argument>-c</argument>
      <argument>while ! test -e ${gate}; do sleep 0.05; done; exit ${code}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
    <sla:info>
      <sla:nominal-time>${nominal_time}</sla:nominal-time>
      <sla:should-start>${5 * MINUTES}</sla:should-start>
      <sla:should-end>${10 * MINUTES}</sla:should-end>
      <sla:max-duration>${2 * MINUTES}</sla:max-duration>
      <sla:alert-events>start_miss,end_miss</sla:alert-events>
      <sla:alert-contact>ops@example.com</sla:alert-contact>
      <sla:notification-msg>step of ${wf:name()} is late</sla:notification-msg>
    </sla:info>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
  <sla:info>
    <sla:nominal-time>${nominal_time}</sla:nominal-time>
    <sla:should-start>${1 * MINUTES}</sla:should-start>
    <sla:should-end>${1 * HOURS}</sla:should-end>
    <sla:max-duration>${30 * MINUTES}</sla:max-duration>
    <sla:upstream-apps>ingest</sla:upstream-apps>
  </sla:info>
</workflow-app>
`

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// TestMain runs the tests on SQLite and, with COORDC_TEST_POSTGRES set, the
// workflow SLA tests again on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "TestWorkflowSLA") }

// wfRun is one workflow job under a fake clock with the SLA service.
type wfRun struct {
	t     *testing.T
	st    *state.Store
	clock *clocktest.Fake
	e     *workflow.Engine
	m     *sla.Monitor
	id    string
	gate  string
}

// startWorkflow starts the workflow at now = t0 with the given nominal
// time and exit code of its action; the action runs until open.
func startWorkflow(t *testing.T, nominal time.Time, code string) *wfRun {
	t.Helper()
	r, err := tryWorkflow(t, slaWorkflow, map[string]string{"nominal_time": nominal.Format("2006-01-02T15:04Z"), "code": code})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tryWorkflow starts the workflow definition def at now = t0 with conf
// (and gate) as its configuration.
func tryWorkflow(t *testing.T, def string, conf map[string]string) (*wfRun, error) {
	t.Helper()
	dir := t.TempDir()
	app := filepath.Join(dir, "app")
	if err := os.MkdirAll(app, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := clocktest.New(t0)
	r := &wfRun{t: t, st: st.WithClock(c), clock: c, m: &sla.Monitor{}, gate: filepath.Join(dir, "gate")}
	r.e = workflow.New(st.DB())
	r.e.Clock, r.e.PollInterval = c, 10*time.Millisecond
	conf["gate"] = r.gate
	r.id, err = r.e.Start(context.Background(), runner.Request{ActionID: "0000001-x-C@1", AppPath: app, User: "etl", Dir: filepath.Join(dir, "run"),
		Conf: conf})
	return r, err
}

// check runs the SLA service at the clock's time.
func (r *wfRun) check() {
	r.t.Helper()
	if _, err := r.m.CheckWorkflows(context.Background(), r.st, r.clock.Now()); err != nil {
		r.t.Fatal(err)
	}
}

// step checks the workflow job once.
func (r *wfRun) step() runner.Result {
	r.t.Helper()
	res, err := r.e.Check(context.Background(), r.id)
	if err != nil {
		r.t.Fatal(err)
	}
	return res
}

// finish lets the action end and checks the job until it ends.
func (r *wfRun) finish() {
	r.t.Helper()
	if err := os.WriteFile(r.gate, nil, 0o644); err != nil {
		r.t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !r.step().Status.Terminal() {
		if time.Now().After(deadline) {
			r.t.Fatal("workflow did not end")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// events are the SLA events of one SLA so far, and its summary.
func (r *wfRun) events(id string) (string, state.SLA) {
	r.t.Helper()
	evs, err := r.st.EventsOf(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		if e.MsgType == state.MsgSLA {
			kinds = append(kinds, e.EventStatus)
		}
	}
	s, err := r.st.GetSLA(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return strings.Join(kinds, ","), s
}

func (r *wfRun) want(what, id, events string, status state.SLAStatus) {
	r.t.Helper()
	got, s := r.events(id)
	if got != events || s.Status != status {
		r.t.Errorf("%s: events %q sla_status %s, want %q %s (summary %+v)", what, got, s.Status, events, status, s)
	}
}

// TestWorkflowSLAMet: a job and action that start and end in time meet
// every criterion; the registrations carry Oozie's app types, IDs, parent
// IDs and the resolved fields.
func TestWorkflowSLAMet(t *testing.T) {
	r := startWorkflow(t, t0, "0")
	step := r.id + "@step"
	r.step()
	r.clock.Advance(time.Minute)
	r.finish()
	r.check()
	r.want("job", r.id, "START_MET,DURATION_MET,END_MET", state.SLAMet)
	r.want("action", step, "START_MET,DURATION_MET,END_MET", state.SLAMet)
	_, job := r.events(r.id)
	_, act := r.events(step)
	if job.AppType != state.AppWorkflowJob || job.ParentID != "0000001-x-C@1" || job.AppName != "wf-sla" || job.User != "etl" ||
		job.UpstreamApps != "ingest" || job.ExpectedDuration != 30*60000 || !job.ExpectedEnd.Equal(t0.Add(time.Hour)) ||
		!job.ActualStart.Equal(t0) || !job.ActualEnd.Equal(t0.Add(time.Minute)) || job.JobStatus != "SUCCEEDED" {
		t.Errorf("job SLA %+v", job)
	}
	if act.AppType != state.AppWorkflowAction || act.ParentID != r.id || act.AppName != "step" || act.AlertContact != "ops@example.com" ||
		act.AlertEvents != "START_MISS,END_MISS" || act.NotificationMsg != "step of wf-sla is late" ||
		!act.ExpectedStart.Equal(t0.Add(5*time.Minute)) || act.ActualDuration != 60000 || act.JobStatus != "OK" {
		t.Errorf("action SLA %+v", act)
	}
}

// TestWorkflowSLAMissWhileWaiting: deadlines passing before anything
// happened are missed at the tick after them, not at the end: the action's
// start before it is entered, its duration while it runs, both ends while
// the job runs.
func TestWorkflowSLAMissWhileWaiting(t *testing.T) {
	// The action is entered after a first one, hold, has ended: Start
	// launches a workflow's first shell action at once.
	hold := filepath.Join(t.TempDir(), "hold")
	def := strings.Replace(slaWorkflow, `<start to="step"/>`, `<start to="hold"/>
  <action name="hold">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>sh</exec>
      <argument>-c</argument>
      <argument>while ! test -e ${hold}; do sleep 0.05; done</argument>
    </shell>
    <ok to="step"/>
    <error to="fail"/>
  </action>`, 1)
	r, err := tryWorkflow(t, def, map[string]string{"nominal_time": t0.Format("2006-01-02T15:04Z"), "code": "0", "hold": hold})
	if err != nil {
		t.Fatal(err)
	}
	step := r.id + "@step"
	r.check()
	r.want("job at start", r.id, "START_MET", state.SLAInProcess)
	r.want("action before start", step, "", state.SLANotStarted)
	r.clock.Set(t0.Add(5*time.Minute + time.Second))
	r.check()
	r.want("action not started after should-start", step, "START_MISS", state.SLANotStarted)
	// The action starts, late.
	if err := os.WriteFile(hold, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		r.step()
		if _, s := r.events(step); !s.ActualStart.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the action did not start")
		}
	}
	r.clock.Advance(2*time.Minute + time.Second)
	r.check()
	r.want("action running beyond max-duration", step, "START_MISS,DURATION_MISS", state.SLAInProcess)
	r.clock.Set(t0.Add(10*time.Minute + time.Second))
	r.check()
	r.want("action running beyond should-end", step, "START_MISS,DURATION_MISS,END_MISS", state.SLAMiss)
	r.clock.Set(t0.Add(time.Hour + time.Second))
	r.check()
	r.want("job running beyond max-duration and should-end", r.id, "START_MET,DURATION_MISS,END_MISS", state.SLAMiss)
	r.finish()
	r.check()
	r.want("job ended", r.id, "START_MET,DURATION_MISS,END_MISS", state.SLAMiss)
	r.want("action ended", step, "START_MISS,DURATION_MISS,END_MISS", state.SLAMiss)
}

// TestWorkflowSLAMissAtEnd: a job submitted after its deadlines misses its
// start when it starts and its end and duration criteria as it ends late.
func TestWorkflowSLAMissAtEnd(t *testing.T) {
	r := startWorkflow(t, t0.Add(-2*time.Hour), "0")
	r.step()
	r.clock.Advance(40 * time.Minute)
	r.finish()
	r.check()
	r.want("job", r.id, "START_MISS,DURATION_MISS,END_MISS", state.SLAMiss)
	r.want("action", r.id+"@step", "START_MISS,DURATION_MISS,END_MISS", state.SLAMiss)
}

// TestWorkflowSLAFailed: an action ending in error, in time, misses its
// end (Oozie: END_MISS also when the job does not end successfully), and
// so does its KILLED job.
func TestWorkflowSLAFailed(t *testing.T) {
	r := startWorkflow(t, t0, "3")
	r.step()
	r.finish()
	r.check()
	r.want("action", r.id+"@step", "START_MET,DURATION_MET,END_MISS", state.SLAMiss)
	r.want("job", r.id, "START_MET,DURATION_MET,END_MISS", state.SLAMiss)
	_, act := r.events(r.id + "@step")
	if act.JobStatus != "ERROR" {
		t.Errorf("action job_status %s, want ERROR", act.JobStatus)
	}
}

// TestWorkflowSLAEventsNotified: the SLA events of workflows go to the
// outbox with their app type, mailed to alert-contact for the events it
// names.
func TestWorkflowSLAEventsNotified(t *testing.T) {
	r := startWorkflow(t, t0.Add(-2*time.Hour), "0")
	r.step()
	r.finish()
	r.check()
	evs, err := r.st.UndispatchedEvents(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		if e.MsgType == state.MsgSLA {
			got = append(got, string(e.AppType)+" "+e.EntityID+" "+e.EventStatus)
		}
	}
	if len(got) != 6 {
		t.Errorf("SLA events in the outbox: %v, want three per SLA", got)
	}
}

// TestWorkflowSLA01AndErrors: an SLA 0.1 block of a workflow (app-name
// naming the SLA) is tracked like a 0.2 one; a block that does not resolve
// fails the start with an error naming the block and the field, and
// creates no job.
func TestWorkflowSLA01AndErrors(t *testing.T) {
	const v01 = `<workflow-app name="old" xmlns="uri:oozie:workflow:0.4" xmlns:sla="uri:oozie:sla:0.1">
  <start to="end"/>
  <end name="end"/>
  <sla:info>
    <sla:app-name>old-sla</sla:app-name>
    <sla:nominal-time>${nominal_time}</sla:nominal-time>
    <sla:should-start>${2 * MINUTES}</sla:should-start>
    <sla:should-end>${DAYS}</sla:should-end>
    <sla:notification-msg>late</sla:notification-msg>
    <sla:alert-contact>ops@example.com</sla:alert-contact>
    <sla:dev-contact>dev@example.com</sla:dev-contact>
    <sla:qa-contact>qa@example.com</sla:qa-contact>
    <sla:se-contact>se@example.com</sla:se-contact>
  </sla:info>
</workflow-app>
`
	r, err := tryWorkflow(t, v01, map[string]string{"nominal_time": "2024-05-01T12:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	r.step()
	r.check()
	r.want("0.1 job", r.id, "START_MET,END_MET", state.SLAMet)
	if _, s := r.events(r.id); s.AppName != "old-sla" || !s.ExpectedEnd.Equal(t0.Add(24*time.Hour)) || s.ExpectedDuration != -1 {
		t.Errorf("0.1 registration %+v", s)
	}

	for conf, want := range map[string]string{
		"":                   "<sla:info> has no nominal-time",
		"yesterday":          "<sla:nominal-time> \"yesterday\"",
		"2024-05-01T12:00Z;": "<sla:nominal-time>",
	} {
		def := strings.Replace(v01, "${nominal_time}", conf, 1)
		if conf == "" {
			def = strings.Replace(v01, "<sla:nominal-time>${nominal_time}</sla:nominal-time>", "", 1)
		}
		r, err := tryWorkflow(t, def, map[string]string{})
		if err == nil || !strings.Contains(err.Error(), "the workflow's <sla:info>") || !strings.Contains(err.Error(), want) {
			t.Errorf("nominal-time %q: error %v, want one naming the block and %q", conf, err, want)
			continue
		}
		if list, _ := r.st.ListSLAs(context.Background(), nil, "", false, 0, 0); len(list) != 0 {
			t.Errorf("nominal-time %q: SLAs registered %v", conf, list)
		}
	}
	bad := strings.Replace(slaWorkflow, "${5 * MINUTES}", "${wf:nosuch()}", 1)
	if _, err := tryWorkflow(t, bad, map[string]string{"nominal_time": "2024-05-01T12:00Z", "code": "0"}); err == nil ||
		!strings.Contains(err.Error(), `action "step"`) || !strings.Contains(err.Error(), "<sla:should-start>") {
		t.Errorf("EL error in an action's SLA: %v", err)
	}
}
