// Package clock is the runtime's one notion of time: every decision the
// scheduler, the state store, the workflow engine and the Flink client make
// from the time (due nominal times, timeouts, retries, backoff, recorded
// times) reads a Clock, so a test drives them all with one fake
// (package clocktest) instead of sleeping.
package clock

import (
	"context"
	"time"
)

// Clock tells the time and waits.
type Clock interface {
	// Now is the current time.
	Now() time.Time
	// Sleep waits d or until ctx is done, returning ctx's error then.
	Sleep(ctx context.Context, d time.Duration) error
}

// System is the host's clock.
var System Clock = system{}

type system struct{}

func (system) Now() time.Time { return time.Now() }

func (system) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Or returns c, or System when c is nil: the default of an optional Clock
// field.
func Or(c Clock) Clock {
	if c == nil {
		return System
	}
	return c
}
