package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/coordc/coordc/runtime/launch"
)

// ConfXMLFile is the action configuration written to the node directory;
// the environment variable OOZIE_ACTION_CONF_XML names it, as in Oozie.
const ConfXMLFile = "action-conf.xml"

// shellRun is a resolved shell action.
type shellRun struct {
	argv []string
	env  []string
	conf map[string]string
}

// resolveShell evaluates the shell action's definition.
func (e *Engine) resolveShell(ctx context.Context, job *jobRow, n *ir.WorkflowNode, s *evalState) (*shellRun, error) {
	sh := body[*ir.ShellAction](n)
	eval := func(t *ir.Template) (string, error) {
		v, diags := s.evaluate(t)
		if diags.HasErrors() {
			return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
		}
		return v, nil
	}
	run := &shellRun{}
	exec, err := eval(sh.Exec)
	if err != nil {
		return nil, err
	}
	run.argv = []string{exec}
	for _, a := range sh.Args {
		v, err := eval(a)
		if err != nil {
			return nil, err
		}
		run.argv = append(run.argv, v)
	}
	for _, t := range sh.Env {
		v, err := eval(t)
		if err != nil {
			return nil, err
		}
		if name, _, ok := strings.Cut(v, "="); !ok || name == "" || strings.ContainsAny(name, " \t\n") {
			return nil, &actionFailure{code: "INVALID_ENV_VAR", msg: fmt.Sprintf(
				"env-var %q at %s is not of the form NAME=value", v, t.Range)}
		}
		run.env = append(run.env, v)
	}
	if run.conf, err = e.resolveConf(ctx, job, &sh.Conf, s); err != nil {
		return nil, err
	}
	return run, nil
}

// startShell launches a PREP shell action, or relaunches a RUNNING one
// whose launch never started the command.
func (e *Engine) startShell(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, s *evalState) error {
	run, err := e.resolveShell(ctx, job, n, s)
	var f *actionFailure
	if errors.As(err, &f) {
		return e.fail(ctx, job, r, f)
	}
	if err != nil {
		return err
	}
	dir := nodeDir(job, n)
	if err := e.prepareShell(ctx, job, n, s, dir, run); err != nil {
		if errors.As(err, &f) {
			return e.fail(ctx, job, r, f)
		}
		return e.finish(ctx, job, w, n, r, outcome{code: fsErrorCode(err), msg: err.Error(), extStatus: "FAILED"})
	}
	spec, conf := e.shellLaunch(job, dir, run)
	return e.launchNode(ctx, &nodeRun{job: job, w: w, n: n, r: r}, spec, conf)
}

// shellLaunch is the launch of a resolved shell action and the request
// recorded with its handle.
func (e *Engine) shellLaunch(job *jobRow, dir string, run *shellRun) (launch.Spec, any) {
	return launch.Spec{Dir: dir, Args: run.argv, Env: run.env, Exited: e.exited(job.id)},
		map[string]any{"argv": run.argv, "env": run.env, "conf": run.conf}
}

// exited is the launch.Spec.Exited of a shell action of job jobID: Wake
// with the job's ID, or nil.
func (e *Engine) exited(jobID string) func() {
	if e.Wake == nil {
		return nil
	}
	return func() { e.Wake(jobID) }
}

// wake calls Wake, when set, for job jobID.
func (e *Engine) wake(jobID string) {
	if e.Wake != nil {
		e.Wake(jobID)
	}
}

// prepareShell runs the prepare operations, writes the action
// configuration and links the <file>s into the node directory; exec is
// made "./name" when it names a linked file.
func (e *Engine) prepareShell(ctx context.Context, job *jobRow, n *ir.WorkflowNode, s *evalState, dir string, run *shellRun) error {
	sh := body[*ir.ShellAction](n)
	for _, op := range sh.Prepare {
		if err := e.runOp(ctx, op, s, false); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	// Not durable: the file is written again before every launch, and a
	// command that ran before a power loss does not survive it.
	if err := e.writeConf(filepath.Join(dir, ConfXMLFile), hadoopConfXML(run.conf)); err != nil {
		return err
	}
	run.env = append([]string{"OOZIE_ACTION_CONF_XML=" + filepath.Join(dir, ConfXMLFile)}, run.env...)
	appDir := appDir(job)
	for _, t := range sh.Files {
		v, diags := s.evaluate(t)
		if diags.HasErrors() {
			return &actionFailure{code: CodeELError, msg: diagText(diags)}
		}
		src, link, err := xmlfront.FileLink(v)
		if err != nil {
			return &actionFailure{code: "E0701", msg: err.Error()}
		}
		if src, err := localPath(src, appDir); err != nil {
			return err
		} else if err := relink(src, filepath.Join(dir, link)); err != nil {
			return err
		}
		if link == run.argv[0] && !strings.Contains(run.argv[0], "/") {
			run.argv[0] = "./" + run.argv[0]
		}
	}
	return nil
}

// relink makes link a symbolic link to src, replacing an older one
// atomically (a concurrent launch of the node never sees it missing).
func relink(src, link string) error {
	tmp := fmt.Sprintf("%s.%d.tmp", link, os.Getpid())
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Symlink(src, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, link)
}

// shellOutcome turns an exit status into an outcome, reading the captured
// output of a successful action.
func (e *Engine) shellOutcome(job *jobRow, n *ir.WorkflowNode, code int) outcome {
	if code != 0 {
		ext := "FAILED"
		if code == 128+15 || code == 128+9 {
			ext = "KILLED"
		}
		return outcome{code: strconv.Itoa(code), extStatus: ext,
			msg: fmt.Sprintf("Shell command exited with code [%d]; see %s", code, filepath.Join(nodeDir(job, n), launch.StderrFile))}
	}
	out := outcome{ok: true, extStatus: "SUCCEEDED"}
	if body[*ir.ShellAction](n).CaptureOutput {
		data, err := readCapture(filepath.Join(nodeDir(job, n), launch.StdoutFile))
		if err != nil {
			return outcome{code: "OUTPUT_ERROR", msg: err.Error(), extStatus: "FAILED"}
		}
		out.data = data
	}
	return out
}

// shellRunner runs shell actions: a detached local process (package
// launch) whose pid and start time are recorded before the command starts.
type shellRunner struct{}

func (shellRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	return e.startShell(ctx, a.job, a.w, a.n, a.r, s)
}

// check re-attaches to the recorded process: a running one is left, one
// whose launch never started the command is launched again, and an ended
// one gives the outcome from its exit record.
func (shellRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	job, w, n, r := a.job, a.w, a.n, a.r
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", msg: err.Error()})
	}
	st, err := launch.Attach(nodeDir(job, n), h)
	if err != nil {
		return false, err
	}
	switch st.State {
	case launch.Running:
		return false, nil
	case launch.NotStarted:
		s, err := e.state(ctx, e.db, job, w)
		if err != nil {
			return false, err
		}
		return true, e.startShell(ctx, job, w, n, r, s)
	case launch.Lost:
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("The shell process [%s] ended without an exit status: it was killed from outside coordc or the machine rebooted", r.externalID)})
	}
	return true, e.finish(ctx, job, w, n, r, e.shellOutcome(job, n, st.ExitCode))
}

// kill stops the process group: SIGTERM, then SIGKILL after KillGrace.
func (shellRunner) kill(ctx context.Context, e *Engine, job *jobRow, r *actionRow) error {
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		return nil // never launched
	}
	return launch.Kill(ctx, filepath.Join(job.conf[ConfDir], r.name), h, e.KillGrace)
}

// recordError is a failure to commit a launch's process handle: bookkeeping,
// not the action's failure.
type recordError struct{ err error }

func (e *recordError) Error() string { return "record the process handle: " + e.err.Error() }

// forkFirst launches the only PREP node of a job Start has just entered in
// tx when it is a shell action without prepare operations, up to the
// commit: it prepares the launch and records its handle in tx (the node
// RUNNING); the caller commits tx and then runs the launch (the handle is
// committed before the command may start), or aborts it. So the job's
// creation and its first launch cost one commit. Anything else (another
// node type, a definition error, a failed launch) leaves the node PREP:
// the first Check starts it as it starts any node, and records the
// failure. A launch whose Run fails never started the command, which
// Check finds (launch.NotStarted) and launches again.
// A nil launch leaves the node PREP for Check (also when its handle
// could not be recorded); an error is tx's.
func (e *Engine) forkFirst(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow) (*launch.Pending, error) {
	rows, err := loadNodes(ctx, tx, job)
	if err != nil {
		return nil, err
	}
	var r *actionRow
	for _, row := range rows {
		if row.status == ActionPrep {
			if r != nil {
				return nil, nil // a fork: Check starts its paths
			}
			r = row
		}
	}
	if r == nil || r.typ != ir.ActionShell {
		return nil, nil
	}
	n := w.Node(r.name)
	if n == nil || n.Action == nil || len(body[*ir.ShellAction](n).Prepare) > 0 {
		return nil, nil
	}
	s, err := e.stateOf(ctx, job, w, rows)
	if err != nil {
		return nil, err
	}
	run, err := e.resolveShell(ctx, job, n, s)
	if err != nil {
		return nil, nil // Check resolves it again and records the failure
	}
	dir := nodeDir(job, n)
	if err := e.prepareShell(ctx, job, n, s, dir, run); err != nil {
		return nil, nil
	}
	spec, conf := e.shellLaunch(job, dir, run)
	confJSON, err := json.Marshal(conf)
	if err != nil {
		return nil, nil
	}
	p, err := launch.Fork(spec)
	if err != nil {
		return nil, nil
	}
	return e.recordFirst(ctx, tx, job, r, p, confJSON), nil
}

// recordFirst records in tx the handle of p, the forked launch of the PREP
// node r of job with its request conf (the node RUNNING), and returns p.
// A launch whose handle is refused (the node is no longer PREP) or cannot
// be recorded is aborted and nil: Check finds the node as it was and
// starts it. The row of a node job holds (jobRow.holdFirst) is inserted
// RUNNING, with what its start from PREP implies (afterNodeChange), as the
// update of an inserted row would.
func (e *Engine) recordFirst(ctx context.Context, tx *sql.Tx, job *jobRow, r *actionRow, p *launch.Pending, conf []byte) *launch.Pending {
	next := *r
	next.status, next.externalID, next.externalStatus, next.conf = ActionRunning, p.Handle().String(), "RUNNING", string(conf)
	next.start = fmtTime(e.now())
	var ok bool
	var err error
	if job.held != nil && job.held.id == r.id {
		if ok, err = insertStarted(ctx, tx, &next, e.now()); ok {
			job.held = nil
		}
	} else {
		ok, err = updateAction(ctx, tx, &next, ActionPrep, true, e.now())
	}
	if err != nil || !ok {
		p.Abort()
		return nil
	}
	return p
}
