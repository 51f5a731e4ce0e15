// Package clocktest holds the fake clocks tests drive the runtime with.
package clocktest

import (
	"context"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"
)

// Fake is a clock that moves only when told to; Sleep advances it by the
// duration slept and returns at once, so backoffs and polling take no real
// time. It is safe for concurrent use.
type Fake struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

var _ clock.Clock = (*Fake)(nil)

// New returns a Fake standing at t.
func New(t time.Time) *Fake { return &Fake{t: t} }

// Now returns the clock's time.
func (c *Fake) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Fake) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock forward by d; a negative d is ignored, so time
// never runs backwards.
func (c *Fake) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Sleep records d and advances the clock by it; it fails only when ctx is
// already done.
func (c *Fake) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	c.Advance(d)
	return nil
}

// Slept lists the durations Sleep was called with, in order.
func (c *Fake) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// Func is a clock whose Now is now and whose Sleep returns at once (ctx's
// error when ctx is done), for tests that keep their own time source.
type Func func() time.Time

// Now calls f.
func (f Func) Now() time.Time { return f() }

// Sleep returns ctx.Err() without waiting.
func (f Func) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// Wall is the host's time with Sleep returning at once: for tests that run
// fakes against real time but must not wait in backoffs.
var Wall clock.Clock = Func(time.Now)
