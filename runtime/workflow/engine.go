package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"
	rtclock "github.com/coordc/coordc/runtime/clock"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flinksql"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/mail"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sshrun"
	"github.com/coordc/coordc/runtime/state"
)

// Configuration keys the engine adds to every workflow job configuration.
const (
	ConfAppPath = "oozie.wf.application.path" // the application path, as Oozie sets it
	ConfUser    = "user.name"                 // the job's user
	ConfDir     = "coordc.wf.dir"             // the action directory (Request.Dir)
)

// snapshotName is the copy of workflow.xml the engine runs from, in the
// action directory: a definition edited while the job runs does not change
// the running job, as with Oozie, which parses it once at submission.
const snapshotName = "workflow.xml"

// Engine runs workflow jobs on the wf_jobs and wf_actions tables of the
// state database. It implements runner.Runner; all its state is in the
// database and the action directories, so any Engine on the same database
// may continue what another started.
type Engine struct {
	db *sql.DB
	// Clock is the time source (clock.System when nil); tests set it to
	// drive retries.
	Clock rtclock.Clock
	// PollInterval is how soon Check asks to be called again while
	// actions run (default 5s).
	PollInterval time.Duration
	// KillGrace is how long a killed shell action may take to stop after
	// SIGTERM before SIGKILL (default 10s).
	KillGrace time.Duration
	// Files serves workflow.xml, job-xml files, Flink jars and fs actions;
	// nil means the local file system only (HDFS URIs are refused).
	Files *hdfsstore.Storage
	// Flink runs flink actions; nil refuses them when they start.
	Flink *flink.Client
	// FlinkTimeout bounds how long a flink action may run before it is
	// stopped (with a savepoint when it has a savepoint-path) or cancelled
	// and ends in error TIMEOUT; zero means no bound.
	FlinkTimeout time.Duration
	// ActionTimeout bounds how long a shell, java or ssh action may run
	// before it is killed and ends in error TIMEOUT, for jobs whose
	// configuration has no ConfActionTimeout; zero means no bound.
	ActionTimeout time.Duration
	// Wake, when set, is called with a workflow job ID when the job has
	// news for Check: from another goroutine when a shell action this
	// Engine launched ends, and from Start and StartAll for a job they
	// return with work left for Check (one that existed already, or whose
	// first node they did not launch), so that a caller waiting for its
	// next poll can Check that job at once. A job Start returns with its
	// first shell action running is woken when that action ends. Check
	// still finds every outcome by itself; Wake only makes it sooner.
	Wake func(jobID string)
	// Mail sends email actions; nil fails them (LAUNCH_ERROR).
	Mail *mail.Client
	// SSH runs ssh actions; nil fails them (LAUNCH_ERROR).
	SSH *sshrun.Client
	// FlinkSQL runs flink-sql actions on a SQL Gateway; nil fails them
	// (LAUNCH_ERROR).
	FlinkSQL *flinksql.Client
	// FlinkSQLTimeout bounds how long a flink-sql action may run before
	// its statement is cancelled and it ends in error TIMEOUT; zero means
	// no bound.
	FlinkSQLTimeout time.Duration

	mu    sync.Mutex
	defs  *defCache    // parsed snapshots, least recently used dropped
	snaps writtenFiles // snapshots written durably, by content
	confs writtenFiles // action configurations written, by content (not synced)
}

var (
	_ runner.Runner       = (*Engine)(nil)
	_ runner.Settler      = (*Engine)(nil)
	_ runner.BatchStarter = (*Engine)(nil)
)

// New returns an Engine on db, which must hold the schema of
// schemas.StateSQL.
func New(db *sql.DB) *Engine {
	return &Engine{db: db, PollInterval: 5 * time.Second, KillGrace: 10 * time.Second, defs: newDefCache()}
}

func (e *Engine) files() *hdfsstore.Storage {
	if e.Files != nil {
		return e.Files
	}
	return hdfsstore.New(nil)
}

func (e *Engine) now() time.Time {
	return rtclock.Or(e.Clock).Now()
}

// JobID returns the workflow job ID of a coordinator action's run.
func JobID(actionID string, run int) string { return fmt.Sprintf("%s-W%d", actionID, run) }

// DefinitionError is a workflow definition that does not validate, or a
// configuration that misses required parameters.
type DefinitionError struct {
	Diags hcl.Diagnostics
}

// Error lists the errors with their positions.
func (e *DefinitionError) Error() string {
	var lines []string
	for _, d := range e.Diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		line := d.Summary
		if d.Subject != nil {
			line = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// Start creates the workflow job of req and returns its ID. A job that
// exists already (a Start repeated after a crash) is returned as it is.
func (e *Engine) Start(ctx context.Context, req runner.Request) (string, error) {
	p, err := e.plan(ctx, req)
	if err != nil {
		return p.id, err
	}
	if p.exists {
		e.wake(p.id) // in whatever state a crash left it
		return p.id, nil
	}
	// One commit creates the job (and registers its SLAs), enters its
	// start node (and the control nodes after it, up to the first actions,
	// PREP) and, when the first action is a plain shell action, records
	// its launch handle before the command may start (forkFirst): the rows
	// a first Check would otherwise write in two transactions of its own.
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	l, err := e.create(ctx, tx, p)
	if err != nil {
		tx.Rollback()
		return "", err
	}
	if err := tx.Commit(); err != nil {
		if l != nil {
			l.Abort() // the job was not created; the launch is recorded unstarted
		}
		return "", fmt.Errorf("workflow: %w", err)
	}
	// A launch that fails to run never started: Check launches again.
	if l == nil || l.Run() != nil {
		e.wake(p.id)
	}
	return p.id, nil
}

// startPlan is what Start decides before its transaction.
type startPlan struct {
	id     string
	exists bool // the job exists already; nothing else is set
	job    *jobRow
	w      *ir.Workflow
	slas   []state.SLA
}

// plan is the part of Start outside its transaction: it looks the job up,
// resolves the definition and configuration and writes the definition
// snapshot (with the run directory and the directory of a first shell
// action: files are the costliest part of a start on some file systems,
// and StartAll plans beside its transaction's work). A returned error is
// the request's own; plan writes nothing to the database.
func (e *Engine) plan(ctx context.Context, req runner.Request) (*startPlan, error) {
	p := &startPlan{id: JobID(req.ActionID, req.Run)}
	if _, err := loadJob(ctx, e.db, p.id); err == nil {
		p.exists = true
		return p, nil
	} else if !errors.Is(err, errNotFound) {
		return p, err
	}
	return p, e.planNew(ctx, req, p)
}

// planNew is plan of a job that does not exist yet: p.id is its ID.
func (e *Engine) planNew(ctx context.Context, req runner.Request, p *startPlan) error {
	w, data, conf, err := e.resolve(ctx, req)
	if err != nil {
		return err
	}
	if err := e.writeSnapshot(filepath.Join(req.Dir, snapshotName), data); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if start := w.Node(StartNode); start != nil {
		for _, t := range start.Transitions {
			if n := w.Node(t.To); n != nil && n.Action != nil && n.Type == ir.ActionShell {
				os.Mkdir(filepath.Join(req.Dir, n.Name), 0o700) // prepareShell makes sure of it
			}
		}
	}
	p.job = &jobRow{id: p.id, parentID: req.ActionID, appName: w.Name, appPath: req.AppPath, user: req.User,
		status: runner.Running, conf: conf, run: req.Run}
	// The job runs from the snapshot (diagnostics name it), as Check does;
	// the parsed snapshot stays cached for the job's checks. The snapshot
	// holds data, written just now: it is not read back.
	if p.w, err = e.snapshotDefinition(p.job, data); err != nil {
		return err
	}
	if p.slas, err = e.resolveSLAs(ctx, p.job, p.w); err != nil {
		return err
	}
	p.job.hasSLA = len(p.slas) > 0
	return nil
}

// create is the part of Start in tx: it creates the planned job, enters
// its start node and prepares the launch of a first plain shell action
// with its handle recorded in tx (see forkFirst). The launch returned, if
// any, must be run once tx is committed, or aborted. A job created
// meanwhile by another process is left as it is.
func (e *Engine) create(ctx context.Context, tx *sql.Tx, p *startPlan) (*launch.Pending, error) {
	inserted, err := e.createJob(ctx, tx, p.job, p.w, p.slas)
	if err != nil || !inserted {
		return nil, err
	}
	p.job.createdIn(tx)
	p.job.holdFirst = leadsToAction(p.w)
	defer func() { p.job.holdFirst, p.job.held = false, nil }()
	if err := e.enter(ctx, tx, p.job, p.w, StartNode); err != nil {
		return nil, err
	}
	l, err := e.forkFirst(ctx, tx, p.job, p.w)
	if err == nil && p.job.held != nil {
		// Not launched: the node waits PREP for Check.
		_, err = insertAction(ctx, tx, p.job.held, e.now())
	}
	if err != nil && l != nil {
		l.Abort()
		l = nil
	}
	return l, err
}

// leadsToAction reports whether w's start node leads straight to an
// action node: entering it then inserts the start node's row and the
// action's, nothing else (see jobRow.holdFirst).
func leadsToAction(w *ir.Workflow) bool {
	start := w.Node(StartNode)
	if start == nil || len(start.Transitions) != 1 {
		return false
	}
	n := w.Node(start.Transitions[0].To)
	return n != nil && n.Action != nil
}

// resolve reads req's definition and resolves its configuration: the
// part of Start that reads no state.
func (e *Engine) resolve(ctx context.Context, req runner.Request) (*ir.Workflow, []byte, map[string]string, error) {
	w, data, err := e.readDefinition(ctx, req.AppPath)
	if err != nil {
		return nil, nil, nil, err
	}
	conf := map[string]string{}
	for k, v := range req.Conf {
		conf[k] = v
	}
	conf[ConfAppPath], conf[ConfUser], conf[ConfDir] = req.AppPath, req.User, req.Dir
	if diags := resolveParams(w, conf); diags.HasErrors() {
		return nil, nil, nil, &DefinitionError{Diags: diags}
	}
	if err := checkTimeoutConf(conf); err != nil {
		return nil, nil, nil, err
	}
	return w, data, conf, nil
}

// definition returns the parsed snapshot of job.
func (e *Engine) definition(job *jobRow) (*ir.Workflow, error) {
	path := filepath.Join(job.conf[ConfDir], snapshotName)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("workflow: job %s: %w", job.id, err)
	}
	return e.snapshotDefinition(job, data)
}

// snapshotDefinition returns the parsed definition of job whose snapshot
// holds data, compiling it under the snapshot's path unless cached.
func (e *Engine) snapshotDefinition(job *jobRow, data []byte) (*ir.Workflow, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	path := filepath.Join(job.conf[ConfDir], snapshotName)
	key := defKey(path, data)
	if w := e.defs.get(key); w != nil {
		return w, nil
	}
	w, diags := wfapp.Compile(path, data)
	if w == nil {
		return nil, fmt.Errorf("workflow: job %s: %w", job.id, &DefinitionError{Diags: diags})
	}
	e.defs.put(key, w)
	return w, nil
}

// Kill kills a workflow job and its running actions; a finished job is
// left as it is.
func (e *Engine) Kill(ctx context.Context, id string) error {
	job, err := loadJob(ctx, e.db, id)
	if err != nil {
		return err
	}
	if _, err := setJobStatus(ctx, e.db, job, []runner.Status{runner.Prep, runner.Running, runner.Suspended}, runner.Killed, "", "", e.now()); err != nil {
		return err
	}
	return e.cleanup(ctx, job)
}

// Suspend suspends a running job and the child jobs of its running
// sub-workflow actions: running actions go on, but no node is entered
// until Resume. Other statuses are left as they are.
func (e *Engine) Suspend(ctx context.Context, id string) error {
	job, err := loadJob(ctx, e.db, id)
	if err != nil {
		return err
	}
	if _, err := setJobStatus(ctx, e.db, job, []runner.Status{runner.Running}, runner.Suspended, "", "", e.now()); err != nil {
		return err
	}
	return e.alsoChildren(ctx, id, runner.Suspended, e.Suspend)
}

// Resume resumes a suspended job and the child jobs of its running
// sub-workflow actions; other statuses are left as they are.
func (e *Engine) Resume(ctx context.Context, id string) error {
	job, err := loadJob(ctx, e.db, id)
	if err != nil {
		return err
	}
	if _, err := setJobStatus(ctx, e.db, job, []runner.Status{runner.Suspended}, runner.Running, "", "", e.now()); err != nil {
		return err
	}
	return e.alsoChildren(ctx, id, runner.Running, e.Resume)
}

// writeFirst writes a file read only by what starts after the write (a
// launched command): a path that does not exist yet is created and
// written in place, without a temporary file and a rename; one that
// exists is replaced with writeAtomic (not durable), so a part left by a
// crash is replaced whole by the next write.
func writeFirst(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return writeAtomic(path, data, false)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// writeAtomic writes a file through a temporary file and a rename, so that
// a reader sees the old content or the new, never a part. With durable,
// the data is on disk (fsync) before the rename: for files that a
// committed database row relies on after a power loss. A file that is
// written again whenever it is needed does without.
func writeAtomic(path string, data []byte, durable bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if durable {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
