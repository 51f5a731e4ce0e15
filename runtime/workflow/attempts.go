package workflow

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// attemptSuffix names the directory that keeps an ended attempt of a node
// retried by the user: <node>.attempt-<n>, n from 1. Node names cannot
// hold a '.', so it never collides with a node's directory.
const attemptSuffix = ".attempt-"

// archiveAttempt keeps the files of the attempt that just ended (stdout,
// stderr, exit record …) before a user retry runs the node again: the
// node directory is renamed to <node>.attempt-<n>. Repeating it after a
// crash does nothing more.
func archiveAttempt(job *jobRow, r *actionRow) error {
	dir := filepath.Join(job.conf[ConfDir], r.name)
	dst := fmt.Sprintf("%s%s%d", dir, attemptSuffix, r.retries)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if err := os.Rename(dir, dst); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("workflow: keeping attempt %d of %s: %w", r.retries, r.id, err)
	}
	return nil
}

// AttemptDirs lists the directories of the ended attempts of node in a
// job's directory, oldest first, with their attempt numbers (from 1); the
// current attempt is <dir>/<node>.
func AttemptDirs(dir, node string) ([]int, []string) {
	matches, _ := filepath.Glob(filepath.Join(dir, node+attemptSuffix+"*"))
	type attempt struct {
		n   int
		dir string
	}
	var as []attempt
	for _, m := range matches {
		n, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(m), node+attemptSuffix))
		if err == nil && n > 0 {
			as = append(as, attempt{n, m})
		}
	}
	sort.Slice(as, func(i, j int) bool { return as[i].n < as[j].n })
	var ns []int
	var dirs []string
	for _, a := range as {
		ns, dirs = append(ns, a.n), append(dirs, a.dir)
	}
	return ns, dirs
}
