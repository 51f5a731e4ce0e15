package flink

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// StopRequest asks for stop-with-savepoint (StopWithSavepointRequestBody).
type StopRequest struct {
	// TriggerID is required: 32 lower-case hex digits, see TriggerID.
	// Re-sending the same id is idempotent within rest.async.store-duration.
	TriggerID string
	// TargetDirectory for the savepoint; empty uses the cluster's
	// configured savepoint directory (Flink answers 400 if there is none).
	TargetDirectory string
	// Drain emits MAX_WATERMARK before the savepoint.
	Drain bool
	// FormatType is CANONICAL or NATIVE; empty keeps Flink's default.
	FormatType string
}

// StopWithSavepoint triggers POST /jobs/:jobid/stop and returns the trigger
// id to poll with SavepointStatus. The job ends FINISHED once the savepoint
// is taken.
func (c *Client) StopWithSavepoint(ctx context.Context, jobID string, req StopRequest) (string, error) {
	if !validID(req.TriggerID) {
		return "", fmt.Errorf("flink: trigger id %q is not 32 lower-case hex digits; derive it with flink.TriggerID", req.TriggerID)
	}
	if f := req.FormatType; f != "" && f != "CANONICAL" && f != "NATIVE" {
		return "", fmt.Errorf("flink: savepoint format %q is not CANONICAL or NATIVE", f)
	}
	body := struct {
		TargetDirectory string `json:"targetDirectory,omitempty"`
		Drain           bool   `json:"drain,omitempty"`
		FormatType      string `json:"formatType,omitempty"`
		TriggerID       string `json:"triggerId"`
	}{req.TargetDirectory, req.Drain, req.FormatType, req.TriggerID}
	cl, err := jsonCall(http.MethodPost, "/jobs/"+escape(jobID)+"/stop", body, http.StatusAccepted)
	if err != nil {
		return "", err
	}
	var out struct {
		RequestID string `json:"request-id"`
	}
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	if out.RequestID != req.TriggerID {
		return out.RequestID, fmt.Errorf("flink: POST /jobs/%s/stop: answered trigger %q, not the requested %q", jobID, out.RequestID, req.TriggerID)
	}
	return out.RequestID, nil
}

// Savepoint is the state of a savepoint operation.
type Savepoint struct {
	// Completed is false while Flink reports IN_PROGRESS.
	Completed bool
	// Location is the savepoint path when it succeeded.
	Location string
	// Failure summarises failure-cause when it failed.
	Failure string
}

// SavepointStatus reads GET /jobs/:jobid/savepoints/:triggerid. An unknown
// trigger matches ErrOperationNotFound.
func (c *Client) SavepointStatus(ctx context.Context, jobID, triggerID string) (Savepoint, error) {
	var out struct {
		Status struct {
			ID string `json:"id"`
		} `json:"status"`
		Operation *struct {
			Location     string `json:"location"`
			FailureCause *struct {
				Class      string `json:"class"`
				StackTrace string `json:"stack-trace"`
			} `json:"failure-cause"`
		} `json:"operation"`
	}
	cl, _ := jsonCall(http.MethodGet, "/jobs/"+escape(jobID)+"/savepoints/"+escape(triggerID), nil, http.StatusOK)
	if err := c.do(ctx, cl, &out); err != nil {
		if ae, ok := errorsAs[*APIError](err); ok && ae.StatusCode == http.StatusNotFound {
			return Savepoint{}, fmt.Errorf("%w: trigger %s of job %s: %w", ErrOperationNotFound, triggerID, jobID, err)
		}
		return Savepoint{}, err
	}
	switch out.Status.ID {
	case "IN_PROGRESS":
		return Savepoint{}, nil
	case "COMPLETED":
	default:
		return Savepoint{}, fmt.Errorf("flink: savepoint %s of job %s has unknown status %q", triggerID, jobID, out.Status.ID)
	}
	sp := Savepoint{Completed: true}
	if op := out.Operation; op != nil {
		sp.Location = op.Location
		if fc := op.FailureCause; fc != nil {
			sp.Failure = summarizeTrace(fc.StackTrace, fc.Class)
			if sp.Failure == "" {
				sp.Failure = "failed without a cause"
			}
		}
	}
	return sp, nil
}

// SavepointError reports a savepoint operation that completed with a failure.
type SavepointError struct {
	JobID, TriggerID, Failure string
}

// Error names the job, the trigger and the failure.
func (e *SavepointError) Error() string {
	return fmt.Sprintf("flink: savepoint %s of job %s failed: %s", e.TriggerID, e.JobID, e.Failure)
}

// WaitSavepoint polls SavepointStatus until the operation completes. A
// failed savepoint returns a *SavepointError.
func (c *Client) WaitSavepoint(ctx context.Context, jobID, triggerID string, opt WaitOptions) (Savepoint, error) {
	var sp Savepoint
	err := c.poll(ctx, opt, func() (bool, error, error) {
		s, err := c.SavepointStatus(ctx, jobID, triggerID)
		switch {
		case err != nil && (errors.Is(err, ErrOperationNotFound) || ctx.Err() != nil):
			return false, err, nil
		case err != nil:
			return false, nil, err
		}
		sp = s
		return s.Completed, nil, nil
	})
	if err != nil {
		return sp, err
	}
	if sp.Failure != "" {
		return sp, &SavepointError{JobID: jobID, TriggerID: triggerID, Failure: sp.Failure}
	}
	return sp, nil
}

// Cancel asks PATCH /jobs/:jobid?mode=cancel. A job already CANCELED is
// acknowledged again by Flink, so Cancel is idempotent. A job that already
// FINISHED or FAILED matches ErrJobTerminated (409); an unknown job matches
// ErrJobNotFound (404).
func (c *Client) Cancel(ctx context.Context, jobID string) error {
	cl, _ := jsonCall(http.MethodPatch, "/jobs/"+escape(jobID), nil, http.StatusAccepted)
	cl.query = url.Values{"mode": {"cancel"}}
	err := c.do(ctx, cl, nil)
	if ae, ok := errorsAs[*APIError](err); ok {
		switch ae.StatusCode {
		case http.StatusConflict:
			return fmt.Errorf("%w: %s: %w", ErrJobTerminated, jobID, err)
		case http.StatusNotFound:
			return fmt.Errorf("%w: %s: %w", ErrJobNotFound, jobID, err)
		}
	}
	return err
}
