package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state/statetest"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// now is the fake clock's starting time in most tests.
var now = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// spec describes a test coordinator: every FREQ minutes from Start to End,
// one data-in (current(0) of a 10-minute dataset under /in) unless NoInput,
// one data-out under /out.
type spec struct {
	Freq        int
	Start, End  time.Time
	Timeout     string
	Concurrency string
	Execution   string
	Throttle    string
	NoInput     bool
	URIPrefix   string // of the input dataset; "/in" by default
}

func (sp spec) xml() string {
	ctl := ""
	for _, c := range [][2]string{{"timeout", sp.Timeout}, {"concurrency", sp.Concurrency}, {"execution", sp.Execution}, {"throttle", sp.Throttle}} {
		if c[1] != "" {
			ctl += fmt.Sprintf("<%s>%s</%s>", c[0], c[1], c[0])
		}
	}
	if ctl != "" {
		ctl = "<controls>" + ctl + "</controls>"
	}
	prefix := sp.URIPrefix
	if prefix == "" {
		prefix = "/in"
	}
	inputs := `<input-events><data-in name="input" dataset="in"><instance>${coord:current(0)}</instance></data-in></input-events>`
	conf := `<property><name>input</name><value>${coord:dataIn('input')}</value></property>`
	if sp.NoInput {
		inputs, conf = "", ""
	}
	return fmt.Sprintf(`<coordinator-app name="test-job" xmlns="uri:oozie:coordinator:0.4" frequency="%d"
    start="%s" end="%s" timezone="UTC">
  %s
  <datasets>
    <dataset name="in" frequency="${coord:minutes(%d)}" initial-instance="2000-01-01T00:00Z" timezone="UTC">
      <uri-template>%s/${YEAR}${MONTH}${DAY}${HOUR}${MINUTE}</uri-template>
    </dataset>
    <dataset name="out" frequency="${coord:minutes(%d)}" initial-instance="2000-01-01T00:00Z" timezone="UTC">
      <uri-template>/out/${YEAR}${MONTH}${DAY}${HOUR}${MINUTE}</uri-template>
    </dataset>
  </datasets>
  %s
  <output-events><data-out name="output" dataset="out"><instance>${coord:current(0)}</instance></data-out></output-events>
  <action><workflow><app-path>/apps/wf</app-path><configuration>
    %s
    <property><name>nominal</name><value>${coord:nominalTime()}</value></property>
    <property><name>actual</name><value>${coord:actualTime()}</value></property>
  </configuration></workflow></action>
</coordinator-app>`, sp.Freq, ft(sp.Start), ft(sp.End), ctl, sp.Freq, prefix, sp.Freq, inputs, conf)
}

func ft(t time.Time) string { return t.UTC().Format("2006-01-02T15:04Z") }

// env is a scheduler over a fresh store with fakes.
type env struct {
	t      testing.TB
	dir    string
	clock  *clocktest.Fake
	runner *fakeRunner
	fs     *fakeStorage
	store  *state.Store
	s      *Scheduler
	// target is the state database's path or URL; lastBundle what
	// submitBundle last submitted.
	target     string
	lastBundle BundleSubmission
}

// TestMain runs every test on SQLite and, with COORDC_TEST_POSTGRES set,
// on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "") }

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	target := statetest.Target(t, "coordc.db")
	st, err := state.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, dir: dir, clock: clocktest.New(now), runner: newFakeRunner(), fs: newFakeStorage(), store: st, target: target}
	e.s = e.scheduler()
	return e
}

// scheduler is a new Scheduler on e's store and fakes, as a restarted
// process would build it.
func (e *env) scheduler() *Scheduler {
	return &Scheduler{Store: e.store, Runner: e.runner, Storage: e.fs, Clock: e.clock}
}

// compile writes sp to a file and compiles it.
func (e *env) compile(sp spec) (*ir.Coordinator, string) {
	e.t.Helper()
	path := filepath.Join(e.dir, fmt.Sprintf("coord-%d.xml", time.Now().UnixNano()))
	if err := os.WriteFile(path, []byte(sp.xml()), 0o600); err != nil {
		e.t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		e.t.Fatalf("compile: %v", diags)
	}
	return res.Project.Coordinators[0], path
}

// submit compiles and submits sp.
func (e *env) submit(sp spec) string {
	e.t.Helper()
	c, path := e.compile(sp)
	id, err := e.s.Submit(context.Background(), c, Meta{AppPath: path})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// tick runs one tick and fails the test on error.
func (e *env) tick() time.Time {
	e.t.Helper()
	next, err := e.s.Tick(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return next
}

// statuses lists the job's action statuses by number ("1:READY").
func (e *env) statuses(job string) []string {
	e.t.Helper()
	rep, err := e.store.Status(context.Background(), job)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, a := range rep.Jobs[0].Actions {
		out = append(out, fmt.Sprintf("%d:%s", a.Number, a.Status))
	}
	return out
}

func (e *env) job(id string) state.Job {
	e.t.Helper()
	j, err := e.store.GetJob(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return j
}

func (e *env) action(job string, n int) state.Action {
	e.t.Helper()
	a, err := e.store.GetAction(context.Background(), state.ActionID(job, n))
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// force sets an action's status (and pending) directly, as a test fixture.
func (e *env) force(job string, n int, st state.ActionStatus, ext string) {
	e.t.Helper()
	if _, err := e.store.DB().Exec(`UPDATE coord_actions SET status = ?, external_id = ? WHERE id = ?`, string(st), nullable(ext), state.ActionID(job, n)); err != nil {
		e.t.Fatal(err)
	}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// fakeRunner is a workflow engine whose workflows finish when told to.
type fakeRunner struct {
	mu       sync.Mutex
	status   map[string]runner.Status // by external ID
	starts   map[string]int           // workflows created, by external ID
	requests map[string]runner.Request
	calls    []string // "kill wf", "suspend wf", "resume wf"
	startErr error
}

func newFakeRunner() *fakeRunner {
	return &fakeRunner{status: map[string]runner.Status{}, starts: map[string]int{}, requests: map[string]runner.Request{}}
}

func (r *fakeRunner) Start(_ context.Context, req runner.Request) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.startErr != nil {
		return "", r.startErr
	}
	id := WorkflowID(req.ActionID, req.Run)
	if _, ok := r.status[id]; !ok {
		r.status[id] = runner.Running
		r.starts[id]++
		r.requests[id] = req
	}
	return id, nil
}

func (r *fakeRunner) Check(_ context.Context, id string) (runner.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.status[id]
	if !ok {
		return runner.Result{}, fmt.Errorf("no workflow %s", id)
	}
	res := runner.Result{Status: st}
	if st == runner.Failed {
		res.ErrorCode, res.ErrorMessage = "E0001", "exit 1"
	}
	return res, nil
}

func (r *fakeRunner) call(verb, id string, to runner.Status) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, verb+" "+id)
	if st, ok := r.status[id]; ok && !st.Terminal() {
		r.status[id] = to
	}
	return nil
}

func (r *fakeRunner) Kill(_ context.Context, id string) error {
	return r.call("kill", id, runner.Killed)
}
func (r *fakeRunner) Suspend(_ context.Context, id string) error {
	return r.call("suspend", id, runner.Suspended)
}
func (r *fakeRunner) Resume(_ context.Context, id string) error {
	return r.call("resume", id, runner.Running)
}

// finish ends every running workflow whose action ID is in ids with st.
func (r *fakeRunner) finish(st runner.Status, actionIDs ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id := range r.status {
		for _, a := range actionIDs {
			if strings.HasPrefix(id, a+"-W") && r.status[id] == runner.Running {
				r.status[id] = st
			}
		}
	}
}

// fakeStorage is a set of existing paths; "nofs://" paths fail.
type fakeStorage struct {
	mu      sync.Mutex
	paths   map[string]bool
	deleted []string
}

func newFakeStorage() *fakeStorage { return &fakeStorage{paths: map[string]bool{}} }

func (f *fakeStorage) Exists(p string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if strings.HasPrefix(p, "nofs://") {
		return false, fmt.Errorf("no file system for scheme nofs")
	}
	return f.paths[p], nil
}

func (f *fakeStorage) Delete(p string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, p)
	delete(f.paths, p)
	return nil
}

// touch makes the done-flag of the input instance at t exist.
func (f *fakeStorage) touch(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.paths["/in/"+t.UTC().Format("200601021504")+"/_SUCCESS"] = true
}

func runnerRequest(actionID string) runner.Request { return runner.Request{ActionID: actionID} }

// runnerTx runs fn in a transaction begun on a connection of db, as the
// workflow engine runs a scheduler's Then (runner.Tx), and commits it.
func runnerTx(ctx context.Context, db *sql.DB, fn func(tx runner.Tx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(runner.Tx{Conn: conn, Tx: tx}); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
