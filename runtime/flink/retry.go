package flink

import (
	"net/http"
	"time"
)

// RetryPolicy bounds the retries of one request: exponential backoff from
// BaseDelay, capped at MaxDelay, with "equal jitter" (each wait is uniformly
// drawn from [d/2, d)) so that many coordc processes do not retry in step.
type RetryPolicy struct {
	// MaxAttempts counts the first try; 1 disables retries (default 4).
	MaxAttempts int
	// BaseDelay is the wait before the second attempt (default 250ms).
	BaseDelay time.Duration
	// MaxDelay caps any single wait (default 5s).
	MaxDelay time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 250 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 5 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	return p
}

// delay is the wait after the given failed attempt (1-based).
func (p RetryPolicy) delay(attempt int, rnd func() float64) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	return half + time.Duration(rnd()*float64(d-half))
}

// retryClass says which failures of a call may be retried.
type retryClass int

// The zero retryClass means the call must never be repeated automatically.
const (
	// retryIdempotent: repeating has no extra effect (reads, cancel,
	// stop with our trigger id, run with our job id) or a harmless one
	// (a second copy of an uploaded jar).
	retryIdempotent retryClass = iota + 1
)

// allows reports whether err may be retried under class c.
func (c retryClass) allows(err error) bool {
	switch c {
	case retryIdempotent:
		if ae, ok := errorsAs[*APIError](err); ok {
			return transientStatus(ae)
		}
		_, ok := errorsAs[*TransportError](err)
		return ok
	}
	return false
}

// transientStatus reports whether an error answer may go away on its own:
// timeouts, overload, leader election, gateway trouble, and internal errors
// other than a job that does not exist.
func transientStatus(ae *APIError) bool {
	switch ae.StatusCode {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	case http.StatusInternalServerError:
		return !ae.Contains(classJobNotFound)
	}
	return false
}
