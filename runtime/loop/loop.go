// Package loop is the main loop of a process that runs coordinator jobs
// (`coordc apply`, `coordc server`): tick the scheduler, let the caller
// report, sleep until the time the tick asked for, until a local action's
// process ends (Wake) or until another process commits a change to the
// state database (state.Watch: SQLite's data_version, PostgreSQL's
// LISTEN/NOTIFY), and stop when the context is cancelled. A tick in progress
// when the context is cancelled is finished first (for at most
// ShutdownGrace); running actions are never stopped (the next process
// picks them up). While it sleeps, the loop keeps the scheduler's lease
// fresh (Scheduler.Heartbeat).
package loop

import (
	"context"
	"log/slog"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// Loop timing.
const (
	// WatchInterval is the longest a sleeping loop goes without looking
	// for changes that another process (coordc kill, rerun …) made to a
	// SQLite state database; on PostgreSQL a notification wakes it at once.
	WatchInterval = time.Second
	// minSleep keeps the loop from ticking in a tight loop when the
	// scheduler asks for another tick at once but the last tick changed
	// nothing.
	minSleep = 20 * time.Millisecond
	// ShutdownGrace is how long a tick in progress may go on after the
	// context is cancelled: then its network calls are cancelled (a
	// hanging NameNode or JobManager must not hold the process for
	// minutes). Every step of a tick is crash-safe, so stopping one midway
	// leaves the state consistent, as a kill would.
	ShutdownGrace = 3 * time.Second
	// errorRetry is the longest the loop waits for another tick after a
	// tick reported an error.
	errorRetry = 10 * time.Second
)

// Loop runs Scheduler.Tick until its context is cancelled or AfterTick
// says to stop.
type Loop struct {
	Scheduler *scheduler.Scheduler
	Store     *state.Store
	Log       *slog.Logger
	// BeforeTick, when set, runs before every tick (a storage cache reset).
	BeforeTick func(ctx context.Context)
	// AfterTick, when set, runs after every tick with what the loop knows
	// of it; stop ends the loop, err ends it with that error.
	AfterTick func(ctx context.Context, t Tick) (stop bool, err error)
	// Wake, when set, ends a sleep early when it receives (a local action's
	// process ended, a submission by the same process).
	Wake <-chan struct{}

	lastErr string
}

// Tick is what AfterTick learns of a tick.
type Tick struct {
	Took time.Duration // how long the tick took
	Err  error         // the tick's error
	// Again: the loop ticks again at once, without sleeping (the tick
	// changed the database and wants the next one now): some job is
	// making progress.
	Again bool
}

// Run loops until ctx is cancelled (it returns nil; running actions go on;
// a tick in progress gets ShutdownGrace) or AfterTick stops it.
func (l *Loop) Run(ctx context.Context) error {
	w, err := l.Store.Watch(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	defer context.AfterFunc(ctx, func() {
		t := time.NewTimer(ShutdownGrace)
		defer t.Stop()
		select {
		case <-t.C:
			cancelWork()
		case <-work.Done(): // Run returned
		}
	})()
	for {
		if l.BeforeTick != nil {
			l.BeforeTick(work)
		}
		before := w.Version()
		began := time.Now()
		next, terr := l.Scheduler.Tick(work)
		took := time.Since(began)
		if ctx.Err() != nil {
			return nil
		}
		l.reportTickError(terr)
		if terr != nil {
			if retry := time.Now().Add(errorRetry); next.IsZero() || next.After(retry) {
				next = retry
			}
		}
		if err := w.Mark(work); err != nil {
			l.reportTickError(err) // the database is unreachable for now: the next tick retries
		}
		// A tick that changed the database and wants the next one now
		// (more actions to materialize and start) is repeated at once.
		again := w.Version() != before && !next.IsZero() && !next.After(time.Now())
		if l.AfterTick != nil {
			stop, err := l.AfterTick(work, Tick{Took: took, Err: terr, Again: again})
			if err != nil || stop {
				return err
			}
		}
		if !again {
			l.sleep(ctx, w, next)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// reportTickError logs a tick's error once, not on every tick it repeats.
func (l *Loop) reportTickError(err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if msg != "" && msg != l.lastErr {
		l.Log.Error("tick failed; retrying", "error", msg)
	}
	l.lastErr = msg
}

// sleep waits until next (forever when zero), cancellation, a wake-up, or a
// change by another process, whichever comes first, renewing the
// scheduler's lease meanwhile.
func (l *Loop) sleep(ctx context.Context, w *state.Watch, next time.Time) {
	first := true
	beat := time.Now() // the tick's heartbeat
	for {
		d := WatchInterval
		if !next.IsZero() {
			if until := time.Until(next); until < d {
				d = until
			}
		}
		if d < minSleep {
			if !first {
				return
			}
			d = minSleep
		}
		first = false
		if changed, woken, err := l.wait(ctx, w, d); err != nil || changed || woken || ctx.Err() != nil {
			return
		}
		if time.Since(beat) > l.lease()/3 {
			// the running actions stay this scheduler's while it sleeps
			if err := l.Scheduler.Heartbeat(ctx); err != nil {
				return
			}
			beat = time.Now()
		}
	}
}

// wait is w.Wait that also ends when Wake receives.
func (l *Loop) wait(ctx context.Context, w *state.Watch, d time.Duration) (changed, woken bool, err error) {
	if l.Wake == nil {
		changed, err = w.Wait(ctx, d)
		return changed, false, err
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan bool, 1)
	go func() {
		select {
		case <-l.Wake:
			cancel()
			done <- true
		case <-wctx.Done():
			done <- false
		}
	}()
	changed, err = w.Wait(wctx, d)
	cancel()
	woken = <-done
	if woken {
		err = nil // the wait was cut short on purpose
	}
	return changed, woken, err
}

// lease is the scheduler's lease length (scheduler.DefaultLease when unset).
func (l *Loop) lease() time.Duration {
	if l.Scheduler.Lease > 0 {
		return l.Scheduler.Lease
	}
	return scheduler.DefaultLease
}
