package flinkfake

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"time"
)

const (
	stopFrame       = "org.apache.flink.runtime.rest.handler.job.savepoints.SavepointHandlers$StopWithSavepointHandler.handleRequest(SavepointHandlers.java)"
	spStatusFrame   = "org.apache.flink.runtime.rest.handler.job.savepoints.SavepointHandlers$SavepointStatusHandler.handleRequest(SavepointHandlers.java)"
	savepointDirKey = "execution.checkpointing.savepoint-dir"
)

// stopFields are the StopWithSavepointRequestBody members.
var stopFields = []string{"targetDirectory", "drain", "formatType", "triggerId"}

type stopBody struct {
	TargetDirectory *string `json:"targetDirectory"`
	Drain           *bool   `json:"drain"`
	FormatType      *string `json:"formatType"`
	TriggerID       *string `json:"triggerId"`
}

// opKey identifies an asynchronous operation: Flink keys them by trigger id
// and job id together.
type opKey struct{ job, trigger string }

// savepointOp is a stop-with-savepoint in flight or completed at done.
type savepointOp struct {
	done     time.Time
	location string
	failure  []string
}

// handleStop serves POST /jobs/:jobid/stop. A repeated trigger id is
// idempotent: the existing operation is reported again and nothing new
// starts, unless that operation already failed.
func (s *Server) handleStop(w http.ResponseWriter, r *http.Request, p params) {
	var body stopBody
	if err := decodeStrict(r.Body, &body, stopFields); err != nil {
		badRequestFormat(w, "StopWithSavepointRequestBody", err)
		return
	}
	if body.TriggerID != nil && !isHex32(*body.TriggerID) {
		badRequestFormat(w, "StopWithSavepointRequestBody", fmt.Errorf("cannot deserialize TriggerId from %q", *body.TriggerID))
		return
	}
	if f := body.FormatType; f != nil && *f != "CANONICAL" && *f != "NATIVE" {
		badRequestFormat(w, "StopWithSavepointRequestBody", fmt.Errorf("cannot deserialize SavepointFormatType from %q", *f))
		return
	}
	dir := s.opts.SavepointDir
	if body.TargetDirectory != nil {
		dir = *body.TargetDirectory
	}
	if dir == "" {
		handlerError(w, http.StatusBadRequest, stopFrame,
			fmt.Sprintf("Config key [%s] is not set. Property [targetDirectory] must be provided.", savepointDirKey))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger := ""
	if body.TriggerID != nil {
		trigger = *body.TriggerID
	} else {
		trigger = s.nextID()
	}
	key := opKey{job: p["jobid"], trigger: trigger}
	if op, ok := s.liveOp(key); ok {
		if op.failure != nil && !s.clock.Now().Before(op.done) {
			handlerError(w, http.StatusInternalServerError, stopFrame, "Internal server error while triggering stop-with-savepoint operation.",
				"org.apache.flink.runtime.rest.handler.async.OperationAlreadyFailedException: "+op.failure[0])
			return
		}
		WriteJSON(w, http.StatusAccepted, map[string]string{"request-id": trigger})
		return
	}
	s.ops[key] = s.startStop(p["jobid"], dir)
	WriteJSON(w, http.StatusAccepted, map[string]string{"request-id": trigger})
}

// startStop begins a stop-with-savepoint. Only a RUNNING job can take one;
// the job then ends FINISHED when the savepoint completes. Callers hold s.mu.
func (s *Server) startStop(jobID, dir string) *savepointOp {
	j, now, ok := s.lookup(jobID)
	switch {
	case !ok || isTerminal(j.state):
		return &savepointOp{done: now, failure: []string{jobNotFound(jobID)}}
	case j.state != StateRunning:
		return &savepointOp{done: now, failure: []string{fmt.Sprintf(
			"%s: Failed to trigger savepoint. Failure reason: Not all required tasks are currently running (job is %s).", classCheckpoint, j.state)}}
	}
	done := now.Add(s.opts.SavepointDelay)
	j.pending = []timedStep{{at: done, state: StateFinished}}
	return &savepointOp{done: done, location: fmt.Sprintf("%s/savepoint-%s-%s", dir, jobID[:6], s.nextID()[:12])}
}

// liveOp returns the operation under key unless Flink would have evicted it
// (rest.async.store-duration after completion). Callers hold s.mu.
func (s *Server) liveOp(key opKey) (*savepointOp, bool) {
	op, ok := s.ops[key]
	if !ok {
		return nil, false
	}
	if s.clock.Now().Sub(op.done) > s.opts.AsyncStoreDuration {
		delete(s.ops, key)
		return nil, false
	}
	return op, true
}

// handleSavepointStatus serves GET /jobs/:jobid/savepoints/:triggerid
// (AsynchronousOperationResult with a SavepointInfo operation).
func (s *Server) handleSavepointStatus(w http.ResponseWriter, _ *http.Request, p params) {
	key := opKey{job: p["jobid"], trigger: p["triggerid"]}
	s.mu.Lock()
	op, ok := s.liveOp(key)
	now := s.clock.Now()
	if ok {
		if j, ok := s.jobs[key.job]; ok {
			j.advance(now)
		}
	}
	s.mu.Unlock()
	switch {
	case !ok:
		notFoundError(w, spStatusFrame, fmt.Sprintf("Operation not found under key: AsynchronousJobOperationKey{triggerId=%s, jobId=%s}", key.trigger, key.job))
	case now.Before(op.done):
		WriteJSON(w, http.StatusOK, map[string]any{"status": map[string]string{"id": "IN_PROGRESS"}})
	case op.failure != nil:
		trace := javaTrace("org.apache.flink.runtime.dispatcher.Dispatcher.stopWithSavepointAndGetLocation(Dispatcher.java)", op.failure...)
		cause := map[string]string{
			"class":                op.failure[0][:indexColon(op.failure[0])],
			"stack-trace":          trace,
			"serialized-throwable": base64.StdEncoding.EncodeToString([]byte(trace)),
		}
		WriteJSON(w, http.StatusOK, map[string]any{"status": map[string]string{"id": "COMPLETED"}, "operation": map[string]any{"failure-cause": cause}})
	default:
		WriteJSON(w, http.StatusOK, map[string]any{"status": map[string]string{"id": "COMPLETED"}, "operation": map[string]string{"location": op.location}})
	}
}

func indexColon(s string) int {
	for i := range s {
		if s[i] == ':' {
			return i
		}
	}
	return len(s)
}
