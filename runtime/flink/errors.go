package flink

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrJobNotFound: the cluster does not know the job id. For a job id
	// coordc derived but whose submission it never saw answered, this means
	// the submission did not land and may be made (again).
	ErrJobNotFound = errors.New("flink: job not found")
	// ErrAlreadySubmitted: the cluster already has (or had) a job with the
	// requested id, so this submission was rejected and nothing new runs.
	ErrAlreadySubmitted = errors.New("flink: job already submitted")
	// ErrJobTerminated: a cancel found the job already FINISHED or FAILED.
	ErrJobTerminated = errors.New("flink: job already reached another terminal state")
	// ErrJarNotFound: the jar id is unknown to the JobManager (typically
	// after a JobManager restart); upload the jar again.
	ErrJarNotFound = errors.New("flink: jar not found on the JobManager")
	// ErrOperationNotFound: no savepoint operation under that trigger id
	// (never triggered, evicted after rest.async.store-duration, or lost in
	// a JobManager restart).
	ErrOperationNotFound = errors.New("flink: savepoint operation not found")
	// ErrWaitTimeout: a Wait gave up before the job or savepoint finished.
	ErrWaitTimeout = errors.New("flink: gave up waiting")
)

// Java class names the client recognises in Flink's error texts.
const (
	classJobNotFound  = "FlinkJobNotFoundException"
	classDuplicateJob = "DuplicateJobSubmissionException"
)

// APIError is an HTTP answer with an unexpected status. Errors holds the
// "errors" array of Flink's ErrorResponseBody, or the raw body when it was
// not one.
type APIError struct {
	Method, Path string
	StatusCode   int
	Errors       []string
}

func newAPIError(method, path string, status int, body []byte) *APIError {
	return &APIError{Method: method, Path: path, StatusCode: status, Errors: ErrorTexts(body)}
}

// ErrorTexts reads the error texts of an error answer of Flink's REST
// APIs (the JobManager's and the SQL Gateway's): the "errors" array of
// ErrorResponseBody, or the raw body when it is not one (nil when empty).
func ErrorTexts(body []byte) []string {
	var eb struct {
		Errors []string `json:"errors"`
	}
	if json.Unmarshal(body, &eb) == nil && len(eb.Errors) > 0 {
		return eb.Errors
	}
	if t := strings.TrimSpace(string(body)); t != "" {
		return []string{t}
	}
	return nil
}

// Error gives the status and the first line of each error text; Flink's
// texts are whole Java stack traces, of which the first line says what
// happened. For an internal error the server-side exception line is used.
func (e *APIError) Error() string {
	var parts []string
	for _, s := range e.Errors {
		s = strings.TrimPrefix(s, "<Exception on server side:\n")
		if line := firstLine(s); line != "" {
			parts = append(parts, line)
		}
	}
	msg := fmt.Sprintf("flink: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ": ")
	}
	return msg
}

// Contains reports whether any error text contains s.
func (e *APIError) Contains(s string) bool {
	for _, t := range e.Errors {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(line)
}

// isJobNotFound recognises Flink's answers for an unknown job id: a 404
// (NotFoundException, "Job could not be found.") or the 500 that
// JobStatusHandler sends carrying FlinkJobNotFoundException.
func isJobNotFound(err error) bool {
	ae, ok := errorsAs[*APIError](err)
	if !ok {
		return false
	}
	return ae.StatusCode == http.StatusNotFound ||
		(ae.StatusCode == http.StatusInternalServerError && ae.Contains(classJobNotFound))
}

// IsDuplicateSubmission reports whether err is Flink refusing a jar run
// because a job with that id exists or existed: 400 "Could not execute
// application." caused by DuplicateJobSubmissionException.
func IsDuplicateSubmission(err error) bool {
	if errors.Is(err, ErrAlreadySubmitted) {
		return true
	}
	ae, ok := errorsAs[*APIError](err)
	return ok && ae.StatusCode == http.StatusBadRequest && ae.Contains(classDuplicateJob)
}

// JobError reports a job that ended FAILED or CANCELED.
type JobError struct {
	JobID string
	State State
	// Message summarises GET /jobs/:jobid/exceptions (see
	// JobExceptions.Message); empty when none could be fetched.
	Message string
}

// Error names the job, its final state and the failure summary.
func (e *JobError) Error() string {
	msg := fmt.Sprintf("flink job %s ended %s", e.JobID, e.State)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// IsTransient reports whether err may go away on its own, so that the
// operation is worth trying again later: no answer from the JobManager (a
// *TransportError), or an answer of 408, 429, 500 (except for a job that
// does not exist), 502, 503 or 504. An error that says what is wrong with
// the request (a 400, an unknown job) is not.
func IsTransient(err error) bool { return retryIdempotent.allows(err) }

// IsUnreachable reports whether err means the JobManager could not be
// reached or did not answer in time: no HTTP answer at all, or a gateway's
// 502, 503 or 504 in front of it. Any other answer means it is up.
func IsUnreachable(err error) bool {
	if _, ok := errorsAs[*TransportError](err); ok {
		return !errors.Is(err, context.Canceled)
	}
	if ae, ok := errorsAs[*APIError](err); ok {
		return ae.StatusCode == http.StatusBadGateway || ae.StatusCode == http.StatusServiceUnavailable || ae.StatusCode == http.StatusGatewayTimeout
	}
	return false
}
