package flink

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// RunRequest is what POST /jars/:jarid/run is asked to do. Only JobID is
// required; every other field is left out of the request when zero, so the
// cluster default applies.
type RunRequest struct {
	// JobID is the caller-chosen job id, 32 lower-case hex digits (see
	// JobID). Fixing it makes a retried or repeated submission detectable.
	JobID string
	// EntryClass overrides the jar manifest's entry point.
	EntryClass string
	// ProgramArgs are passed to main as programArgsList.
	ProgramArgs []string
	// Parallelism is the job parallelism; 0 keeps the cluster default.
	Parallelism int
	// SavepointPath restores the job from a savepoint.
	SavepointPath string
	// AllowNonRestoredState skips savepoint state that maps to no operator.
	AllowNonRestoredState bool
	// ClaimMode is CLAIM, NO_CLAIM or LEGACY (claimMode, Flink >= 1.20).
	ClaimMode string
	// FlinkConfiguration overrides cluster configuration for this job.
	FlinkConfiguration map[string]string
}

// runBody is JarRunRequestBody; only members both 1.20 and 2.x accept.
type runBody struct {
	EntryClass            string            `json:"entryClass,omitempty"`
	ProgramArgsList       []string          `json:"programArgsList,omitempty"`
	Parallelism           int               `json:"parallelism,omitempty"`
	JobID                 string            `json:"jobId"`
	AllowNonRestoredState bool              `json:"allowNonRestoredState,omitempty"`
	SavepointPath         string            `json:"savepointPath,omitempty"`
	ClaimMode             string            `json:"claimMode,omitempty"`
	FlinkConfiguration    map[string]string `json:"flinkConfiguration,omitempty"`
}

func (r RunRequest) validate() error {
	if !validID(r.JobID) {
		return fmt.Errorf("flink: job id %q is not 32 lower-case hex digits; derive it with flink.JobID", r.JobID)
	}
	if r.Parallelism < 0 {
		return fmt.Errorf("flink: parallelism %d is negative; use 0 for the cluster default", r.Parallelism)
	}
	switch r.ClaimMode {
	case "", "CLAIM", "NO_CLAIM", "LEGACY":
	default:
		return fmt.Errorf("flink: claim mode %q is not CLAIM, NO_CLAIM or LEGACY", r.ClaimMode)
	}
	return nil
}

// Run starts the program in an uploaded jar as job req.JobID and returns
// that id. If Flink refuses because the id is already taken — the usual
// case when an earlier attempt of this very submission landed before a
// crash or a lost response — Run returns the id with an error matching
// ErrAlreadySubmitted. An unknown jar id matches ErrJarNotFound.
func (c *Client) Run(ctx context.Context, jarID string, req RunRequest) (string, error) {
	if err := req.validate(); err != nil {
		return "", err
	}
	body := runBody{EntryClass: req.EntryClass, ProgramArgsList: req.ProgramArgs, Parallelism: req.Parallelism,
		JobID: req.JobID, AllowNonRestoredState: req.AllowNonRestoredState, SavepointPath: req.SavepointPath,
		ClaimMode: req.ClaimMode, FlinkConfiguration: req.FlinkConfiguration}
	cl, err := jsonCall(http.MethodPost, "/jars/"+escape(jarID)+"/run", body, http.StatusOK)
	if err != nil {
		return "", err
	}
	var out struct {
		JobID string `json:"jobid"`
	}
	err = c.do(ctx, cl, &out)
	switch {
	case err == nil && out.JobID != req.JobID:
		return out.JobID, fmt.Errorf("flink: POST /jars/%s/run: started job %q, not the requested %q", jarID, out.JobID, req.JobID)
	case err == nil:
		return out.JobID, nil
	case IsDuplicateSubmission(err):
		return req.JobID, fmt.Errorf("%w: %w", ErrAlreadySubmitted, err)
	case isJarMissing(err):
		return "", fmt.Errorf("%w: %w", ErrJarNotFound, err)
	}
	return "", err
}

// Submission is the result of Submit.
type Submission struct {
	JobID string
	JarID string
	// AlreadySubmitted is true when Flink already had the job: nothing new
	// was started and the caller should go on polling JobID.
	AlreadySubmitted bool
	// Uploaded is true when the jar had to be uploaded.
	Uploaded bool
}

// Submit makes sure jar is on the cluster (EnsureJar) and runs it as
// req.JobID. A jar that vanished between the check and the run is uploaded
// again once. A duplicate job id is not an error: it is reported as
// AlreadySubmitted, so a submission retried after a crash is safe.
func (c *Client) Submit(ctx context.Context, jar Jar, req RunRequest) (Submission, error) {
	if err := req.validate(); err != nil {
		return Submission{}, err
	}
	sub := Submission{JobID: req.JobID}
	for try := 0; try < 2; try++ {
		jarID, uploaded, err := c.EnsureJar(ctx, jar)
		if err != nil {
			return sub, err
		}
		sub.JarID, sub.Uploaded = jarID, sub.Uploaded || uploaded
		_, err = c.Run(ctx, jarID, req)
		switch {
		case err == nil:
			return sub, nil
		case errors.Is(err, ErrAlreadySubmitted):
			sub.AlreadySubmitted = true
			return sub, nil
		case errors.Is(err, ErrJarNotFound):
			c.forgetJar(jar)
			continue
		}
		return sub, err
	}
	return sub, fmt.Errorf("flink: jar %s disappeared from the JobManager again right after being uploaded: %w", jar.Name, ErrJarNotFound)
}
