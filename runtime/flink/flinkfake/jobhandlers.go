package flinkfake

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

const (
	statusFrame = "org.apache.flink.runtime.rest.handler.job.JobStatusHandler.handleRequest(JobStatusHandler.java)"
	cancelFrame = "org.apache.flink.runtime.rest.handler.job.JobCancellationHandler.handleRequest(JobCancellationHandler.java)"
	excFrame    = "org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler.handleRequest(AbstractExecutionGraphHandler.java)"
	// exceptionHistorySize is web.exception-history-size's default.
	exceptionHistorySize = 16
	// taskManager is the endpoint the fake reports failing tasks on.
	taskManager = "127.0.0.1:36221"
)

func jobNotFound(id string) string {
	return fmt.Sprintf("%s: Could not find Flink job (%s)", classJobNotFound, id)
}

// handleOverview serves GET /overview (ClusterOverviewWithVersion).
func (s *Server) handleOverview(w http.ResponseWriter, _ *http.Request, _ params) {
	counts := map[string]int{}
	s.mu.Lock()
	for _, id := range s.order {
		if j, _, ok := s.lookup(id); ok {
			counts[j.state]++
		}
	}
	s.mu.Unlock()
	running := 0
	for st, n := range counts {
		if !isTerminal(st) {
			running += n
		}
	}
	WriteJSON(w, http.StatusOK, map[string]any{
		"taskmanagers": 1, "taskmanagers-blocked": 0,
		"slots-total": 4, "slots-available": max(0, 4-running), "slots-free-and-blocked": 0,
		"jobs-running": running, "jobs-finished": counts[StateFinished],
		"jobs-cancelled": counts[StateCanceled], "jobs-failed": counts[StateFailed],
		"flink-version": s.opts.Flavor.Version(), "flink-commit": s.opts.Flavor.commit(),
	})
}

// handleJobList serves GET /jobs (JobIdsWithStatusOverview).
func (s *Server) handleJobList(w http.ResponseWriter, _ *http.Request, _ params) {
	type entry struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	out := struct {
		Jobs []entry `json:"jobs"`
	}{Jobs: []entry{}}
	s.mu.Lock()
	for _, id := range sortedKeys(s.jobs) {
		if j, _, ok := s.lookup(id); ok {
			out.Jobs = append(out.Jobs, entry{ID: id, Status: j.state})
		}
	}
	s.mu.Unlock()
	WriteJSON(w, http.StatusOK, out)
}

// handleJobsOverview serves GET /jobs/overview (MultipleJobsDetails). A
// job's name is its pipeline.name, else the default name Flink gives a
// DataStream program.
func (s *Server) handleJobsOverview(w http.ResponseWriter, _ *http.Request, _ params) {
	jobs := []map[string]any{}
	s.mu.Lock()
	for _, id := range sortedKeys(s.jobs) {
		j, now, ok := s.lookup(id)
		if !ok {
			continue
		}
		name := j.run.FlinkConfiguration["pipeline.name"]
		if name == "" {
			name = "Flink Streaming Job"
		}
		start, end, last := j.submitted.UnixMilli(), int64(-1), j.submitted.UnixMilli()
		duration := now.Sub(j.submitted).Milliseconds()
		if isTerminal(j.state) {
			end, last, duration = j.ended.UnixMilli(), j.ended.UnixMilli(), j.ended.Sub(j.submitted).Milliseconds()
		}
		tasks := map[string]int{"running": 0, "finished": 0, "canceled": 0, "failed": 0, "total": 1}
		switch j.state {
		case StateRunning:
			tasks["running"] = 1
		case StateFinished:
			tasks["finished"] = 1
		case StateCanceled:
			tasks["canceled"] = 1
		case StateFailed:
			tasks["failed"] = 1
		}
		jobs = append(jobs, map[string]any{"jid": id, "name": name, "state": j.state, "start-time": start,
			"end-time": end, "duration": duration, "last-modification": last, "tasks": tasks})
	}
	s.mu.Unlock()
	WriteJSON(w, http.StatusOK, map[string]any{"jobs": jobs})
}

// handleJobStatus serves GET /jobs/:jobid/status (JobStatusInfo). The
// handler does not map FlinkJobNotFoundException, so an unknown id is a 500
// "Internal server error." carrying that exception, as in Flink.
func (s *Server) handleJobStatus(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	j, _, ok := s.lookup(p["jobid"])
	state := ""
	if ok {
		state = j.state
	}
	s.mu.Unlock()
	if !ok {
		internalError(w, "org.apache.flink.runtime.dispatcher.Dispatcher.requestJobStatus(Dispatcher.java)", jobNotFound(p["jobid"]))
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"status": state})
}

// handleJobExceptions serves GET /jobs/:jobid/exceptions
// (JobExceptionsInfoWithHistory), newest root exception first.
func (s *Server) handleJobExceptions(w http.ResponseWriter, r *http.Request, p params) {
	limit := exceptionHistorySize
	if v := r.URL.Query().Get("maxExceptions"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			handlerError(w, http.StatusBadRequest, excFrame, fmt.Sprintf("Bad request, could not parse parameters: Cannot resolve query parameter (maxExceptions) from value %q.", v))
			return
		}
		limit = min(max(n, 0), exceptionHistorySize)
	}
	s.mu.Lock()
	j, _, ok := s.lookup(p["jobid"])
	var hist []rootException
	if ok {
		hist = append(hist, j.history...)
	}
	s.mu.Unlock()
	if !ok {
		notFoundError(w, excFrame, fmt.Sprintf("Job %s not found", p["jobid"]), jobNotFound(p["jobid"]))
		return
	}
	entries := []map[string]any{}
	for i := len(hist) - 1; i >= 0 && len(entries) < limit; i-- {
		entries = append(entries, s.exceptionEntry(hist[i]))
	}
	out := map[string]any{"exceptionHistory": map[string]any{"entries": entries, "truncated": len(hist) > limit}}
	if s.opts.Flavor == Flink120 {
		out["all-exceptions"] = []any{}
		out["truncated"] = false
		if len(hist) > 0 {
			last := hist[len(hist)-1]
			out["root-exception"] = stacktrace(last.failure)
			out["timestamp"] = last.at.UnixMilli()
		}
	}
	WriteJSON(w, http.StatusOK, out)
}

func stacktrace(f Failure) string {
	frame := "org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java)"
	return javaTrace(frame, f.ExceptionName+": "+f.Message)
}

// exceptionEntry renders one RootExceptionInfo; task fields are left out for
// a global failure, as Flink leaves them out.
func (s *Server) exceptionEntry(h rootException) map[string]any {
	e := map[string]any{
		"exceptionName":        h.failure.ExceptionName,
		"stacktrace":           stacktrace(h.failure),
		"timestamp":            h.at.UnixMilli(),
		"failureLabels":        map[string]string{},
		"concurrentExceptions": []any{},
	}
	if h.failure.TaskName != "" {
		e["taskName"] = h.failure.TaskName
		e["endpoint"] = taskManager
		e["taskManagerId"] = taskManager + "-4f1c2a"
		if s.opts.Flavor == Flink120 {
			e["location"] = taskManager
		}
	}
	return e
}

// handleJobCancel serves PATCH /jobs/:jobid?mode=cancel. A job that is
// already CANCELED acknowledges again; another terminal state is a 409.
func (s *Server) handleJobCancel(w http.ResponseWriter, r *http.Request, p params) {
	mode := "CANCEL"
	if v := r.URL.Query().Get("mode"); v != "" {
		mode = strings.ToUpper(v)
	}
	switch mode {
	case "CANCEL":
	case "STOP":
		handlerError(w, http.StatusPermanentRedirect, cancelFrame, `The termination mode "stop" has been removed. For an ungraceful shutdown, please use "cancel" instead. For a graceful shutdown, please use "jobs/:jobId/stop" instead.`)
		return
	default:
		handlerError(w, http.StatusBadRequest, cancelFrame, fmt.Sprintf("Bad request, could not parse parameters: Cannot resolve query parameter (mode) from value %q.", r.URL.Query().Get("mode")))
		return
	}
	s.mu.Lock()
	j, now, ok := s.lookup(p["jobid"])
	state := ""
	if ok {
		state = j.state
		if !isTerminal(state) && state != StateCancelling {
			j.apply(StateCancelling, nil, now)
			j.pending = []timedStep{{at: now.Add(s.opts.CancelDelay), state: StateCanceled}}
		}
	}
	s.mu.Unlock()
	switch {
	case !ok:
		handlerError(w, http.StatusNotFound, cancelFrame, "Job could not be found.", jobNotFound(p["jobid"]))
	case state == StateCanceled || !isTerminal(state):
		WriteJSON(w, http.StatusAccepted, struct{}{})
	default:
		handlerError(w, http.StatusConflict, cancelFrame,
			fmt.Sprintf("Job cancellation failed because the job has already reached another terminal state (%s).", state),
			fmt.Sprintf("org.apache.flink.runtime.messages.FlinkJobTerminatedWithoutCancellationException: Flink job (%s) was not canceled, but instead %s.", p["jobid"], state))
	}
}
