package workflow

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// fsError is a failed file system operation with an Oozie-style code:
// FS002 unsupported scheme, FS003 path not absolute, FS004 other I/O
// error, FS006 move source missing, FS007 touchz on a non-empty file,
// FS008 invalid permissions.
type fsError struct{ code, msg string }

func (e *fsError) Error() string { return e.msg }

func fsErrorCode(err error) string {
	var fe *fsError
	if errors.As(err, &fe) {
		return fe.code
	}
	return "FS004"
}

// startFs marks a PREP fs action RUNNING and runs it.
func (e *Engine) startFs(ctx context.Context, job *jobRow, w *Workflow, n *Node, r *actionRow, s *evalState) error {
	for _, op := range n.action.fs {
		for _, t := range []*ir.Template{op.path, op.target, op.permissions, op.dirFiles} {
			if _, diags := s.evaluate(t); diags.HasErrors() {
				return e.fail(ctx, job, r, &actionFailure{code: CodeELError, msg: diagText(diags)})
			}
		}
	}
	from := r.status
	r.status, r.externalID, r.externalStatus, r.start = "RUNNING", "fs", "RUNNING", fmtTime(e.now())
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
func (e *Engine) runFs(ctx context.Context, job *jobRow, w *Workflow, n *Node, r *actionRow, s *evalState, recovery bool) error {
	for _, op := range n.action.fs {
		if err := e.runOp(op, s, recovery); err != nil {
			return e.finish(ctx, job, w, n, r, outcome{code: fsErrorCode(err), msg: err.Error(), extStatus: "FAILED"})
		}
	}
	return e.finish(ctx, job, w, n, r, outcome{ok: true, extStatus: "SUCCEEDED"})
}

// runOp runs one operation on a local path or file:// URI.
func (e *Engine) runOp(op fsOp, s *evalState, recovery bool) error {
	path, err := s.opPath(op.path)
	if err != nil {
		return err
	}
	switch op.op {
	case "delete":
		return ioErr(os.RemoveAll(path))
	case "mkdir":
		return ioErr(os.MkdirAll(path, 0o755))
	case "touchz":
		return touchz(path)
	case "move":
		target, err := s.opPath(op.target)
		if err != nil {
			return err
		}
		return move(path, target, recovery)
	case "chmod":
		perm, _ := s.evaluate(op.permissions)
		dirFiles := "true"
		if op.dirFiles != nil {
			dirFiles, _ = s.evaluate(op.dirFiles)
		}
		return chmod(path, perm, strings.TrimSpace(dirFiles) != "false", op.recursive)
	}
	return fmt.Errorf("unknown fs operation %s", op.op)
}

// opPath evaluates an operation's path; it must be absolute.
func (s *evalState) opPath(t *ir.Template) (string, error) {
	v, diags := s.evaluate(t)
	if diags.HasErrors() {
		return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
	}
	p, err := localPath(v, "")
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(v) && !strings.HasPrefix(v, "file://") {
		return "", &fsError{code: "FS003", msg: fmt.Sprintf("Path [%s] is not absolute; fs actions take absolute paths or file:// URIs", v)}
	}
	return p, nil
}

func ioErr(err error) error {
	if err == nil {
		return nil
	}
	return &fsError{code: "FS004", msg: err.Error()}
}

func touchz(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return ioErr(err)
		}
		return ioErr(f.Close())
	case err != nil:
		return ioErr(err)
	case fi.IsDir() || fi.Size() > 0:
		return &fsError{code: "FS007", msg: fmt.Sprintf("touchz: [%s] exists and is not an empty file", path)}
	}
	return nil
}

// move renames source to target; a target that is a directory receives
// source inside it, as Hadoop's rename does.
func move(source, target string, recovery bool) error {
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		target = filepath.Join(target, filepath.Base(source))
	}
	if _, err := os.Lstat(source); errors.Is(err, fs.ErrNotExist) {
		if _, terr := os.Lstat(target); recovery && terr == nil {
			return nil
		}
		return &fsError{code: "FS006", msg: fmt.Sprintf("move: source [%s] does not exist", source)}
	}
	return ioErr(os.Rename(source, target))
}

// chmod sets permissions given in octal ("755") or symbolic ("rwxr-xr-x")
// form. On a directory, dirFiles also changes the files directly in it;
// recursive changes the whole tree.
func chmod(path, perm string, dirFiles, recursive bool) error {
	mode, err := parsePerm(perm)
	if err != nil {
		return err
	}
	if recursive {
		return ioErr(filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Chmod(p, mode)
		}))
	}
	if err := os.Chmod(path, mode); err != nil {
		return ioErr(err)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() && dirFiles {
		ents, err := os.ReadDir(path)
		if err != nil {
			return ioErr(err)
		}
		for _, e := range ents {
			if e.Type().IsRegular() {
				if err := os.Chmod(filepath.Join(path, e.Name()), mode); err != nil {
					return ioErr(err)
				}
			}
		}
	}
	return nil
}

func parsePerm(s string) (os.FileMode, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseUint(s, 8, 32); err == nil && n <= 0o777 {
		return os.FileMode(n), nil
	}
	sym := strings.TrimPrefix(s, "-")
	if len(sym) == 9 {
		var m os.FileMode
		for i, c := range sym {
			want := "rwx"[i%3]
			switch {
			case byte(c) == want:
				m |= 1 << (8 - i)
			case c != '-':
				return 0, &fsError{code: "FS008", msg: fmt.Sprintf("chmod: invalid permissions %q", s)}
			}
		}
		return m, nil
	}
	return 0, &fsError{code: "FS008", msg: fmt.Sprintf("chmod: invalid permissions %q; use octal (755) or symbolic (rwxr-xr-x) form", s)}
}
