package flink

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// State is a Flink job status (flink-core JobStatus).
type State string

// The job states Flink reports.
const (
	StateInitializing State = "INITIALIZING"
	StateCreated      State = "CREATED"
	StateRunning      State = "RUNNING"
	StateFailing      State = "FAILING"
	StateFailed       State = "FAILED"
	StateCancelling   State = "CANCELLING"
	StateCanceled     State = "CANCELED"
	StateFinished     State = "FINISHED"
	StateRestarting   State = "RESTARTING"
	StateSuspended    State = "SUSPENDED"
	StateReconciling  State = "RECONCILING"
)

// Terminal reports whether the state is globally terminal (FINISHED, FAILED,
// CANCELED). SUSPENDED is not: the JobManager lost leadership and another
// one may recover the job, so it is polled like a running job.
func (s State) Terminal() bool {
	return s == StateFinished || s == StateFailed || s == StateCanceled
}

// Status returns the job's current state via GET /jobs/:jobid/status. An
// unknown job matches ErrJobNotFound: Flink answers 500 carrying
// FlinkJobNotFoundException (404 is accepted too).
func (c *Client) Status(ctx context.Context, jobID string) (State, error) {
	var out struct {
		Status State `json:"status"`
	}
	cl, _ := jsonCall(http.MethodGet, "/jobs/"+escape(jobID)+"/status", nil, http.StatusOK)
	if err := c.do(ctx, cl, &out); err != nil {
		if isJobNotFound(err) {
			return "", fmt.Errorf("%w: %s: %w", ErrJobNotFound, jobID, err)
		}
		return "", err
	}
	if out.Status == "" {
		return "", fmt.Errorf("flink: GET /jobs/%s/status: answer has no status", jobID)
	}
	return out.Status, nil
}

// JobDetails is one job of GET /jobs/overview (JobDetails).
type JobDetails struct {
	ID    string `json:"jid"`
	Name  string `json:"name"`
	State State  `json:"state"`
	// StartTime is in milliseconds since the epoch.
	StartTime int64 `json:"start-time"`
}

// JobsOverview lists the jobs the JobManager knows (running ones, and
// finished ones until jobstore.expiration-time) with their names: a job
// submitted with pipeline.name is found by it.
func (c *Client) JobsOverview(ctx context.Context) ([]JobDetails, error) {
	var out struct {
		Jobs []JobDetails `json:"jobs"`
	}
	cl, _ := jsonCall(http.MethodGet, "/jobs/overview", nil, http.StatusOK)
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, err
	}
	return out.Jobs, nil
}

// Overview is GET /overview (ClusterOverviewWithVersion).
type Overview struct {
	FlinkVersion   string `json:"flink-version"`
	FlinkCommit    string `json:"flink-commit"`
	TaskManagers   int    `json:"taskmanagers"`
	SlotsTotal     int    `json:"slots-total"`
	SlotsAvailable int    `json:"slots-available"`
	JobsRunning    int    `json:"jobs-running"`
	JobsFinished   int    `json:"jobs-finished"`
	JobsCancelled  int    `json:"jobs-cancelled"`
	JobsFailed     int    `json:"jobs-failed"`
}

// Overview fetches the cluster overview; use it as a reachability and
// version probe.
func (c *Client) Overview(ctx context.Context) (*Overview, error) {
	var out Overview
	cl, _ := jsonCall(http.MethodGet, "/overview", nil, http.StatusOK)
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Version parses FlinkVersion ("1.20.1", "2.0-SNAPSHOT") into its major and
// minor numbers.
func (o *Overview) Version() (major, minor int, err error) {
	parts := strings.SplitN(o.FlinkVersion, ".", 3)
	if len(parts) >= 2 {
		major, err = strconv.Atoi(parts[0])
		if err == nil {
			minor, err = strconv.Atoi(strings.SplitN(parts[1], "-", 2)[0])
		}
		if err == nil {
			return major, minor, nil
		}
	}
	return 0, 0, fmt.Errorf("flink: cluster reports version %q, which is not major.minor[.patch]", o.FlinkVersion)
}

// Supported reports whether coordc can drive this cluster: Flink 1.20 or
// newer (claimMode, GET /jobs/:jobid/status and caller-chosen job ids).
func (o *Overview) Supported() error {
	major, minor, err := o.Version()
	if err != nil {
		return err
	}
	if major < 1 || (major == 1 && minor < 20) {
		return fmt.Errorf("flink: cluster runs Flink %s; coordc needs 1.20 or newer, so upgrade the cluster or point --flink at another one", o.FlinkVersion)
	}
	return nil
}

// JobExceptions is GET /jobs/:jobid/exceptions
// (JobExceptionsInfoWithHistory). RootException and Timestamp are the
// deprecated top-level members only Flink 1.x writes.
type JobExceptions struct {
	History struct {
		Entries   []ExceptionEntry `json:"entries"`
		Truncated bool             `json:"truncated"`
	} `json:"exceptionHistory"`
	RootException string `json:"root-exception"`
	Timestamp     int64  `json:"timestamp"`
}

// ExceptionEntry is one failure in the history (RootExceptionInfo).
type ExceptionEntry struct {
	ExceptionName        string            `json:"exceptionName"`
	Stacktrace           string            `json:"stacktrace"`
	Timestamp            int64             `json:"timestamp"`
	TaskName             string            `json:"taskName"`
	Endpoint             string            `json:"endpoint"`
	TaskManagerID        string            `json:"taskManagerId"`
	FailureLabels        map[string]string `json:"failureLabels"`
	ConcurrentExceptions []ExceptionEntry  `json:"concurrentExceptions"`
}

// Exceptions fetches the job's exception history (at most limit entries when
// limit > 0).
func (c *Client) Exceptions(ctx context.Context, jobID string, limit int) (*JobExceptions, error) {
	cl, _ := jsonCall(http.MethodGet, "/jobs/"+escape(jobID)+"/exceptions", nil, http.StatusOK)
	if limit > 0 {
		cl.query = url.Values{"maxExceptions": {strconv.Itoa(limit)}}
	}
	var out JobExceptions
	if err := c.do(ctx, cl, &out); err != nil {
		if isJobNotFound(err) {
			return nil, fmt.Errorf("%w: %s: %w", ErrJobNotFound, jobID, err)
		}
		return nil, err
	}
	return &out, nil
}

// maxHistoryInMessage bounds how many earlier failures Message lists.
const maxHistoryInMessage = 3

// Message summarises the exceptions for an error message: the newest root
// exception (its first line, the deepest "Caused by" and the failing task),
// then up to three earlier failures, newest first. With an empty history it
// falls back to the 1.x root-exception member.
func (x *JobExceptions) Message() string {
	var lines []string
	for i, e := range x.History.Entries {
		if i > maxHistoryInMessage {
			break
		}
		s := summarizeTrace(e.Stacktrace, e.ExceptionName)
		if e.TaskName != "" {
			s += " (task " + e.TaskName + ")"
		}
		if i > 0 {
			s = "earlier: " + s
		}
		lines = append(lines, s)
	}
	if n := len(x.History.Entries) - 1 - maxHistoryInMessage; n > 0 || (x.History.Truncated && len(lines) > 0) {
		lines = append(lines, "more failures not shown")
	}
	if len(lines) == 0 && x.RootException != "" {
		lines = append(lines, summarizeTrace(x.RootException, ""))
	}
	return strings.Join(lines, "; ")
}

// summarizeTrace keeps the first line of a Java stack trace and, when there
// are causes, the innermost one, which usually says what really went wrong.
func summarizeTrace(trace, fallback string) string {
	first := firstLine(trace)
	if first == "" {
		return fallback
	}
	cause := ""
	for _, line := range strings.Split(trace, "\n") {
		if c, ok := strings.CutPrefix(strings.TrimSpace(line), "Caused by: "); ok {
			cause = c
		}
	}
	if cause != "" && cause != first {
		return first + " (caused by " + cause + ")"
	}
	return first
}
