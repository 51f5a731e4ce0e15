package workflow

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/runner"
)

// MaxSubWorkflowDepth is how deep sub-workflows may nest, Oozie's default
// oozie.action.subworkflow.max.depth: a top-level job may start a child,
// which may start a grandchild, … down to this many levels.
const MaxSubWorkflowDepth = 50

// subWorkflowRunner runs sub-workflow actions: the child is a workflow job
// of its own (a wf_jobs row whose parent_id is the action's row id, job ID
// "<action row id>-W<user retry attempt>"), created with Start (idempotent,
// so a crash between creating it and recording it creates nothing twice)
// and driven by the parent's checks. Killing the parent kills the child.
type subWorkflowRunner struct{}

func (subWorkflowRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	d := body[*ir.SubWorkflowAction](a.n)
	appPath, err := s.evalAction(d.AppPath)
	if err != nil {
		return e.fail(ctx, a.job, a.r, err.(*actionFailure))
	}
	conf := map[string]string{}
	if d.PropagateConfiguration {
		for k, v := range a.job.conf {
			conf[k] = v
		}
		delete(conf, ConfAppPath)
		delete(conf, ConfDir)
		delete(conf, confRerunSkipped)
	}
	for _, p := range d.Configuration {
		k, err := s.evalAction(p.Name)
		if err != nil {
			return e.fail(ctx, a.job, a.r, err.(*actionFailure))
		}
		v, err := s.evalAction(p.Value)
		if err != nil {
			return e.fail(ctx, a.job, a.r, err.(*actionFailure))
		}
		conf[k] = v
	}
	depth, err := e.depth(ctx, a.job)
	if err != nil {
		return err
	}
	if depth+1 > MaxSubWorkflowDepth {
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", extStatus: "FAILED",
			msg: fmt.Sprintf("Sub-workflow depth limit [%d] exceeded: job %s is at depth %d; a workflow that starts itself needs a decision that ends the recursion", MaxSubWorkflowDepth, a.job.id, depth)})
	}
	if !hdfsstore.IsHDFS(appPath) && !strings.Contains(appPath, "://") && !filepath.IsAbs(appPath) {
		appPath = hdfsstore.Join(appDir(a.job), appPath)
	}
	req := runner.Request{ActionID: a.r.id, Run: a.r.retries, AppPath: appPath, Conf: conf, User: a.job.user,
		Dir: filepath.Join(nodeDir(a.job, a.n), fmt.Sprintf("W%d", a.r.retries))}
	child, err := e.Start(ctx, req)
	if err != nil {
		var de *DefinitionError
		switch {
		case errors.As(err, &de):
			return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: string(firstCode(de.Diags, "E0701")), msg: "sub-workflow " + appPath + ": " + de.Error(), extStatus: "FAILED"})
		case strings.Contains(err.Error(), "E0710") || strings.Contains(err.Error(), "application path"):
			return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "E0710", msg: err.Error(), extStatus: "FAILED"})
		}
		return err
	}
	next := *a.r
	next.status, next.externalID, next.externalStatus, next.start = ActionRunning, child, string(runner.Running), fmtTime(e.now())
	_, err = updateAction(ctx, e.db, &next, a.r.status, true, e.now())
	return err
}

// firstCode is the code of the first error of diags, or def.
func firstCode(diags hcl.Diagnostics, def diag.Code) diag.Code {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			if c := diag.CodeOf(d); c != "" {
				return c
			}
		}
	}
	return def
}

// depth is how many sub-workflow levels job is below a top-level job: the
// number of workflow jobs up its chain of parents ("<job id>@<node>").
func (e *Engine) depth(ctx context.Context, job *jobRow) (int, error) {
	n := 0
	for p := job.parentID; ; {
		i := strings.LastIndex(p, "@")
		if i < 0 {
			return n, nil
		}
		parent, err := loadJob(ctx, e.db, p[:i])
		if errors.Is(err, errNotFound) {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		n++
		p = parent.parentID
	}
}

// check drives the child job and, when it ended, gives the action's
// outcome: SUCCEEDED is ok; FAILED or KILLED an error with the child's
// error code.
func (subWorkflowRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	res, err := e.Check(ctx, a.r.externalID)
	if errors.Is(err, errNotFound) {
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LOST", extStatus: "FAILED", msg: "the sub-workflow job " + a.r.externalID + " does not exist"})
	}
	if err != nil {
		return false, err
	}
	if !res.Status.Terminal() {
		if string(res.Status) != a.r.externalStatus {
			next := *a.r
			next.externalStatus = string(res.Status)
			ok, err := updateAction(ctx, e.db, &next, a.r.status, false, e.now())
			return ok, err
		}
		return false, nil
	}
	if res.Status == runner.Succeeded {
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{ok: true, extStatus: string(res.Status)})
	}
	code := res.ErrorCode
	if code == "" {
		code = string(res.Status)
	}
	return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: code, extStatus: string(res.Status),
		msg: fmt.Sprintf("Sub-workflow %s ended %s: %s", a.r.externalID, res.Status, res.ErrorMessage)})
}

// kill kills the child job (and so what it runs).
func (subWorkflowRunner) kill(ctx context.Context, e *Engine, _ *jobRow, r *actionRow) error {
	if r.externalID == "" {
		return nil
	}
	err := e.Kill(ctx, r.externalID)
	if errors.Is(err, errNotFound) {
		return nil
	}
	return err
}
