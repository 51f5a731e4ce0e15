package server

import (
	"bytes"
	"errors"
	"net/http"
	"path/filepath"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// coordc's own read endpoints: the rows the CLI's jobs, status and logs
// commands format, so `--server URL` prints what the state database
// gives.

// nativeJobs is GET /coordc/v1/jobs: every job, oldest first (state.Job).
func (s *Server) nativeJobs(w http.ResponseWriter, r *http.Request) {
	jobs, err := s.cfg.Store.ListJobs(r.Context())
	if err != nil {
		readError(w, err)
		return
	}
	out := make([]state.Job, 0, len(jobs))
	for _, j := range jobs {
		out = append(out, maskJob(j, s.policy(r.Context(), j)))
	}
	writeJSON(w, http.StatusOK, out)
}

// nativeLogs is GET /coordc/v1/logs/{id}[?action=SCOPE]: the text of
// `coordc logs`, files read only inside the job's log directory.
func (s *Server) nativeLogs(w http.ResponseWriter, r *http.Request) {
	var numbers []int
	if scope := r.URL.Query().Get("action"); scope != "" {
		var err error
		if numbers, err = scheduler.ParseActions(scope); err != nil {
			oozieError(w, http.StatusBadRequest, codeInvalidParam, "action: "+err.Error())
			return
		}
	}
	s.writeLogs(w, r, r.PathValue("id"), numbers)
}

// writeLogs answers with the logs of a job's actions as text/plain.
func (s *Server) writeLogs(w http.ResponseWriter, r *http.Request, job string, numbers []int) {
	// Rendered to a buffer first so that an unknown job is a 404, not a
	// truncated 200.
	var buf bytes.Buffer
	rw := redact.NewWriter(&buf, s.jobPolicy(r.Context(), job))
	err := actionlog.WriteJob(r.Context(), rw, s.cfg.Store, job, numbers, s.logRoot(job))
	if err == nil {
		err = rw.Flush()
	}
	if err != nil {
		if errors.Is(err, state.ErrNotFound) {
			oozieError(w, http.StatusNotFound, codeNoJob, err.Error())
			return
		}
		readError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.Write(buf.Bytes())
}

// logRoot is the directory a job's log files must lie in: the scheduler's
// Dir/<job id>; a job without one reads nothing.
func (s *Server) logRoot(job string) string {
	dir := s.cfg.LogDir
	if dir == "" {
		// No log directory: confine to a path that cannot exist.
		return string(filepath.Separator) + "\x00nowhere"
	}
	return filepath.Join(dir, filepath.Base(filepath.Clean("/"+job)))
}
