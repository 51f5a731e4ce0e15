package flinkfake

import (
	"sync"
	"time"
)

// Clock is the fake JobManager's notion of time. Job lifecycles, savepoint
// and cancellation delays and upload timestamps are all read from it, so a
// test that drives a ManualClock gets the same answers on every run.
type Clock interface {
	Now() time.Time
}

// ManualClock is a Clock that only moves when told to. The zero value is not
// usable; create one with NewManualClock.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock standing at start.
func NewManualClock(start time.Time) *ManualClock {
	return &ManualClock{now: start}
}

// Now returns the current fake time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d; a negative d is ignored so time never
// runs backwards.
func (c *ManualClock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
