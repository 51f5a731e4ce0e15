package workflow

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
)

// fsError is a failed file system operation with an Oozie-style code:
// FS002 unsupported scheme, FS003 path not absolute, FS004 other I/O
// error, FS006 move source missing, FS007 touchz on a non-empty file,
// FS008 invalid permissions.
type fsError struct{ code, msg string }

func (e *fsError) Error() string { return e.msg }

// fsCodes maps the storage's failure kinds to fs error codes.
var fsCodes = map[hdfsstore.Kind]string{
	hdfsstore.KindIO:            "FS004",
	hdfsstore.KindUnsupported:   "FS002",
	hdfsstore.KindSourceMissing: "FS006",
	hdfsstore.KindNotEmpty:      "FS007",
	hdfsstore.KindPermissions:   "FS008",
}

func fsErrorCode(err error) string {
	var fe *fsError
	if errors.As(err, &fe) {
		return fe.code
	}
	var se *hdfsstore.Error
	if errors.As(err, &se) {
		return fsCodes[se.Kind]
	}
	return "FS004"
}

// startFs marks a PREP fs action RUNNING and runs it.
func (e *Engine) startFs(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, s *evalState) error {
	for _, op := range body[*ir.FsAction](n).Ops {
		for _, t := range []*ir.Template{op.Path, op.Target, op.Permissions, op.DirFiles} {
			if _, diags := s.evaluate(t); diags.HasErrors() {
				return e.fail(ctx, job, r, &actionFailure{code: CodeELError, msg: diagText(diags)})
			}
		}
	}
	from := r.status
	r.status, r.externalID, r.externalStatus, r.start = ActionRunning, "fs", "RUNNING", fmtTime(e.now())
	ok, err := updateAction(ctx, e.db, r, from, true, e.now())
	if err != nil || !ok {
		return err
	}
	return e.runFs(ctx, job, w, n, r, s, false)
}

// runFs runs the operations in order and records the outcome. In recovery
// the operations run again after a crash: mkdir, delete, touchz and chmod
// are idempotent, and a move whose source is gone but whose target exists
// counts as done.
func (e *Engine) runFs(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, s *evalState, recovery bool) error {
	for _, op := range body[*ir.FsAction](n).Ops {
		if err := e.runOp(ctx, op, s, recovery); err != nil {
			return e.finish(ctx, job, w, n, r, outcome{code: fsErrorCode(err), msg: err.Error(), extStatus: "FAILED"})
		}
	}
	return e.finish(ctx, job, w, n, r, outcome{ok: true, extStatus: "SUCCEEDED"})
}

// runOp runs one operation on an absolute local path, a file:// URI or an
// HDFS URI, through the engine's Files.
func (e *Engine) runOp(ctx context.Context, op *ir.FsOp, s *evalState, recovery bool) error {
	path, err := s.opPath(op.Path)
	if err != nil {
		return err
	}
	fs := e.files()
	switch op.Op {
	case "delete":
		return fs.RemoveAll(ctx, path)
	case "mkdir":
		return fs.Mkdir(ctx, path)
	case "touchz":
		return fs.Touchz(ctx, path)
	case "move":
		target, err := s.opPath(op.Target)
		if err != nil {
			return err
		}
		return fs.Move(ctx, path, target, recovery)
	case "chmod":
		perm, _ := s.evaluate(op.Permissions)
		dirFiles := "true"
		if op.DirFiles != nil {
			dirFiles, _ = s.evaluate(op.DirFiles)
		}
		return fs.Chmod(ctx, path, perm, strings.TrimSpace(dirFiles) != "false", op.Recursive)
	}
	return fmt.Errorf("unknown fs operation %s", op.Op)
}

// opPath evaluates an operation's path: an absolute path, a file:// URI or
// an HDFS URI. Other schemes are FS002, relative paths FS003.
func (s *evalState) opPath(t *ir.Template) (string, error) {
	v, diags := s.evaluate(t)
	if diags.HasErrors() {
		return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
	}
	if hdfsstore.IsHDFS(v) || strings.HasPrefix(v, "file://") {
		return v, nil
	}
	if _, err := localPath(v, ""); err != nil {
		return "", err
	}
	if !filepath.IsAbs(v) {
		return "", &fsError{code: "FS003", msg: fmt.Sprintf("Path [%s] is not absolute; fs actions take absolute paths, file:// or hdfs:// URIs", v)}
	}
	return v, nil
}

// fsRunner runs fs actions in the engine's process.
type fsRunner struct{}

func (fsRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	return e.startFs(ctx, a.job, a.w, a.n, a.r, s)
}

// check finds an fs action RUNNING only when the process running its
// operations died in the middle: they run again, tolerating what was done
// already.
func (fsRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	s, err := e.state(ctx, e.db, a.job, a.w)
	if err != nil {
		return false, err
	}
	return true, e.runFs(ctx, a.job, a.w, a.n, a.r, s, true)
}

// kill has nothing to stop: the operations run inside Check.
func (fsRunner) kill(context.Context, *Engine, *jobRow, *actionRow) error { return nil }
