package actionlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/workflow"
)

// WriteJob writes the logs of a job's actions with the given numbers (every
// action when numbers is nil), in order; root confines the files read (see
// Write). An unknown job wraps state.ErrNotFound.
func WriteJob(ctx context.Context, w io.Writer, st *state.Store, job string, numbers []int, root string) error {
	if numbers == nil {
		rep, err := st.Status(ctx, job)
		if err != nil {
			return err
		}
		for _, a := range rep.Jobs[0].Actions {
			numbers = append(numbers, a.Number)
		}
	} else if _, err := st.GetJob(ctx, job); err != nil {
		return err
	}
	for _, n := range numbers {
		if err := Write(ctx, w, st, state.ActionID(job, n), root); err != nil {
			return err
		}
	}
	return nil
}

// Write prints every run of one action: its workflow job, each
// node entered, and for nodes that ran a process the launcher's exit record,
// stdout and stderr. When root is not empty, a file is only read when its
// real path (symbolic links resolved) lies inside root, the job's log
// directory; others are reported as not shown.
func Write(ctx context.Context, w io.Writer, st *state.Store, actionID, root string) error {
	a, err := st.GetAction(ctx, actionID)
	if err != nil {
		return err
	}
	runs, err := Runs(ctx, st.ReadDB(), actionID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "==> action %s (nominal time %s): %s\n", a.ID, state.FormatTime(a.Nominal), a.Status)
	if a.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(a.ErrorCode), a.ErrorMessage)
	}
	if len(runs) == 0 {
		fmt.Fprintln(w, "    no workflow has run yet")
	}
	for _, r := range runs {
		fmt.Fprintf(w, "==> workflow %s (%s, run %d): %s\n", r.ID, r.AppName, r.Run, r.Status)
		for _, n := range r.Nodes {
			WriteNode(w, r, n, root)
		}
	}
	return nil
}

// WriteNode writes one node of run r: its status line, error, launcher
// record and output files (with root set, only files inside root).
func WriteNode(w io.Writer, r Run, n Node, root string) {
	line := fmt.Sprintf("--> %s (%s): %s", n.Name, n.Type, n.Status)
	if n.Transition != "" {
		line += " → " + n.Transition
	}
	if n.Start != "" {
		line += fmt.Sprintf(", %s – %s", n.Start, dash(n.End))
	}
	fmt.Fprintln(w, line)
	if n.ErrorCode != "" || n.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(n.ErrorCode), n.ErrorMessage)
	}
	if r.Dir == "" {
		return
	}
	writeAttempts(w, r.Dir, n.Name, root)
	dir := filepath.Join(r.Dir, n.Name)
	exit, err := readFile(filepath.Join(dir, launch.ExitFile), root)
	if errors.Is(err, os.ErrNotExist) && n.Type != "shell" {
		return // a node that ran no process
	}
	fmt.Fprintf(w, "    launcher: process %s, directory %s, exit record %q\n", dash(n.ExternalID), dir, strings.TrimSpace(string(exit)))
	for _, f := range []string{launch.StdoutFile, launch.StderrFile} {
		writeOutputFile(w, filepath.Join(dir, f), f, root)
	}
}

// writeOutputFile copies an action's stdout or stderr file to w under a
// header, streamed (an action may print gigabytes), ending with a newline;
// with root set, only a file inside root (see Write).
func writeOutputFile(w io.Writer, path, name, root string) {
	in, err := openFile(path, root)
	var fi os.FileInfo
	if err == nil {
		defer in.Close()
		fi, err = in.Stat()
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(w, "--- %s: none\n", name)
		return
	case err != nil:
		fmt.Fprintf(w, "--- %s: %v\n", name, err)
		return
	}
	fmt.Fprintf(w, "--- %s (%d bytes)\n", name, fi.Size())
	last := &lastByte{w: w}
	if _, err := io.Copy(last, io.LimitReader(in, fi.Size())); err != nil {
		fmt.Fprintf(w, "\n--- %s: %v\n", name, err)
		return
	}
	if last.n > 0 && last.b != '\n' {
		fmt.Fprintln(w)
	}
}

// lastByte passes writes on and remembers the last byte written.
type lastByte struct {
	w io.Writer
	n int64
	b byte
}

func (l *lastByte) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if n > 0 {
		l.n += int64(n)
		l.b = p[n-1]
	}
	return n, err
}

// dash stands in for an empty field.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ErrOutside is returned for a log file whose real path is outside the
// job's log directory.
var ErrOutside = errors.New("outside the job's log directory; not shown")

// readFile reads path; with root set, only when its real path is inside
// root's real path.
func readFile(path, root string) ([]byte, error) {
	f, err := openFile(path, root)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// openFile opens path; with root set, only when its real path is inside
// root's real path (the file opened is the resolved one, so a link
// swapped in between is not followed).
func openFile(path, root string) (*os.File, error) {
	if root == "" {
		return os.Open(path)
	}
	if !Inside(path, root) {
		if _, err := os.Lstat(path); err != nil {
			return nil, err
		}
		return nil, ErrOutside
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	return os.Open(real)
}

// Inside reports whether path, with every symbolic link resolved, lies
// inside dir (also resolved). A path that does not exist is not inside.
func Inside(path, dir string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// writeAttempts prints the ended attempts of a node that user retries ran
// again (their exit records, stdout and stderr, kept by the engine), before
// the current attempt.
func writeAttempts(w io.Writer, runDir, node, root string) {
	ns, dirs := workflow.AttemptDirs(runDir, node)
	for i, dir := range dirs {
		exit, _ := readFile(filepath.Join(dir, launch.ExitFile), root)
		fmt.Fprintf(w, "    attempt %d: directory %s, exit record %q\n", ns[i], dir, strings.TrimSpace(string(exit)))
		for _, f := range []string{launch.StdoutFile, launch.StderrFile} {
			writeOutputFile(w, filepath.Join(dir, f), f, root)
		}
	}
}
