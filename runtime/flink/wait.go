package flink

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// WaitOptions bound a polling loop.
type WaitOptions struct {
	// Interval between polls (default 2s).
	Interval time.Duration
	// Timeout gives up after this long by the Client's clock, with
	// ErrWaitTimeout; 0 waits as long as ctx allows.
	Timeout time.Duration
	// MaxErrors is how many polls in a row may fail (after each request's
	// own retries) before the loop gives up with the last error (default 5).
	// A job that does not exist is never retried.
	MaxErrors int
}

func (o WaitOptions) withDefaults() WaitOptions {
	if o.Interval <= 0 {
		o.Interval = 2 * time.Second
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = 5
	}
	return o
}

// poll calls step until it reports done or a fatal error, sleeping
// opt.Interval in between. step's transient errors are tolerated up to
// opt.MaxErrors in a row.
func (c *Client) poll(ctx context.Context, opt WaitOptions, step func() (done bool, fatal, transient error)) error {
	opt = opt.withDefaults()
	var deadline time.Time
	if opt.Timeout > 0 {
		deadline = c.clock.Now().Add(opt.Timeout)
	}
	failures := 0
	for {
		done, fatal, transient := step()
		switch {
		case fatal != nil:
			return fatal
		case done:
			return nil
		case transient != nil:
			failures++
			if failures >= opt.MaxErrors {
				return fmt.Errorf("flink: %d polls in a row failed: %w", failures, transient)
			}
		default:
			failures = 0
		}
		if !deadline.IsZero() && !c.clock.Now().Add(opt.Interval).Before(deadline) {
			return ErrWaitTimeout
		}
		if err := c.clock.Sleep(ctx, opt.Interval); err != nil {
			return err
		}
	}
}

// Wait polls GET /jobs/:jobid/status until the job is globally terminal.
// FINISHED returns (FINISHED, nil). FAILED and CANCELED return the state and
// a *JobError whose Message summarises GET /jobs/:jobid/exceptions.
// SUSPENDED and every other state keep it polling. On timeout it returns
// the last state seen with ErrWaitTimeout; an unknown job returns
// ErrJobNotFound at once.
func (c *Client) Wait(ctx context.Context, jobID string, opt WaitOptions) (State, error) {
	var last State
	err := c.poll(ctx, opt, func() (bool, error, error) {
		st, err := c.Status(ctx, jobID)
		switch {
		case err != nil && (errors.Is(err, ErrJobNotFound) || ctx.Err() != nil):
			return false, err, nil
		case err != nil:
			return false, nil, err
		}
		last = st
		return st.Terminal(), nil, nil
	})
	if err != nil {
		return last, err
	}
	if last == StateFinished {
		return last, nil
	}
	jerr := &JobError{JobID: jobID, State: last}
	if x, err := c.Exceptions(ctx, jobID, 0); err == nil {
		jerr.Message = x.Message()
	} else {
		jerr.Message = "the exception history could not be read: " + err.Error()
	}
	return last, jerr
}
