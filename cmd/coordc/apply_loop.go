package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
)

// Loop timing of apply.
const (
	// watchInterval is how often a sleeping apply looks for changes that
	// another process (coordc kill, rerun …) made to a SQLite state
	// database; on PostgreSQL a notification wakes it at once.
	watchInterval = time.Second
	// minSleep keeps apply from ticking in a tight loop when the scheduler
	// asks for another tick at once but the last tick changed nothing.
	minSleep = 20 * time.Millisecond
	// errorRetry is the longest apply waits for another tick after a tick
	// reported an error.
	errorRetry = 10 * time.Second
)

// errInterrupted is returned by applyLoop.run when a signal stopped an
// --until-done run before every job finished.
var errInterrupted = errors.New("stopped by a signal before every job finished")

// applyLoop is apply's main loop: tick, report, sleep until the time the
// tick asked for or until another process changes the database.
type applyLoop struct {
	s         *scheduler.Scheduler
	st        *state.Store
	rt        *settings.Runtime
	wake      wakeup
	jobs      []string
	untilDone bool
	// waitLimit: with untilDone, how long a wait for inputs still counts as
	// progress (0: the longest timeout of the waiting actions).
	waitLimit time.Duration
	lastWait  string
	progress  *progress
	errors    *errorCopier
	log       *slog.Logger
	lastErr   string
	purge     *autoPurge
}

// shutdownGrace is how long a tick in progress may go on after a signal:
// then its network calls are cancelled (a hanging NameNode or JobManager
// must not hold apply for minutes). Every step of a tick is crash-safe, so
// stopping one midway leaves the state consistent, as a kill would.
const shutdownGrace = 3 * time.Second

// run loops until a signal cancels ctx or, with untilDone, until every job
// is finished; failed says whether a job or action ended in failure. A tick
// in progress when the signal arrives gets shutdownGrace to finish.
func (l *applyLoop) run(ctx context.Context) (failed bool, err error) {
	w, err := l.st.Watch(ctx)
	if err != nil {
		return false, err
	}
	defer w.Close()
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	defer context.AfterFunc(ctx, func() {
		t := time.NewTimer(shutdownGrace)
		defer t.Stop()
		select {
		case <-t.C:
			cancelWork()
		case <-work.Done(): // run returned
		}
	})()
	for {
		if l.rt != nil {
			l.rt.Storage.BeginTick(work) // batch this tick's done-flag checks
		}
		before := w.Version()
		next, terr := l.s.Tick(work)
		if ctx.Err() != nil {
			return l.stopped()
		}
		l.reportTickError(terr)
		if terr != nil {
			if retry := time.Now().Add(errorRetry); next.IsZero() || next.After(retry) {
				next = retry
			}
		}
		if err := w.Mark(work); err != nil {
			return false, err
		}
		// A tick that changed the database and wants the next one now
		// (more actions to materialize and start) is repeated at once.
		again := w.Version() != before && !next.IsZero() && !next.After(time.Now())
		l.errors.copy(work, l.jobs)
		if l.purge != nil {
			l.purge.run(work, l.st, l.log)
		}
		if err := pruneJars(work, l.rt, l.st, l.log); err != nil {
			l.log.Warn("cannot delete uploaded jars; trying again later", "error", err)
		}
		l.showProgress(work)
		if l.untilDone {
			done, failed, err := jobsDone(work, l.st, l.jobs)
			if err != nil {
				// the database is unreachable for now (a PostgreSQL
				// restart): the next tick retries
				l.reportTickError(err)
				done = false
			}
			if done {
				l.log.Info("every job finished", "jobs", len(l.jobs), "failed", failed)
				return failed, nil
			}
			if stuck, err := l.outlook(work); err != nil || stuck {
				return stuck, err
			}
		}
		if !again {
			l.sleep(ctx, w, next)
		}
		if ctx.Err() != nil {
			return l.stopped()
		}
	}
}

// outlook reports, with --until-done, whether no job can make progress
// without something outside changing, logging what they wait for then, and
// whenever that changes while they still can.
func (l *applyLoop) outlook(ctx context.Context) (stuck bool, err error) {
	o, err := l.s.Outlook(ctx, l.jobs, l.waitLimit)
	if err != nil {
		return false, err
	}
	if o.Stuck {
		l.log.Warn("no job can make progress without a change from outside; returning", "waits", len(o.Waits))
		for _, w := range o.Waits {
			l.log.Warn("still waiting", "for", w.String())
		}
		return true, nil
	}
	summary := ""
	if len(o.Waits) > 0 {
		last := o.Waits[0]
		for _, w := range o.Waits {
			if w.Until.After(last.Until) {
				last = w
			}
		}
		summary = fmt.Sprintf("%d waits; the last: %s", len(o.Waits), last)
	}
	if summary != l.lastWait && summary != "" {
		l.log.Info("waiting", "what", summary)
	}
	l.lastWait = summary
	return false, nil
}

// stopped is run's result after a signal.
func (l *applyLoop) stopped() (failed bool, err error) {
	l.log.Info("stopped by a signal; running actions go on and are picked up by the next apply")
	if l.untilDone {
		return true, errInterrupted
	}
	return false, nil
}

// reportTickError logs a tick's error once, not on every tick it repeats.
func (l *applyLoop) reportTickError(err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if msg != "" && msg != l.lastErr {
		l.log.Error("tick failed; retrying", "error", msg)
	}
	l.lastErr = msg
}

// sleep waits until next (forever when zero), a signal, the end of an
// action's process (wake), or a change by another process, whichever comes
// first.
func (l *applyLoop) sleep(ctx context.Context, w *state.Watch, next time.Time) {
	first := true
	beat := time.Now() // the tick's heartbeat
	for {
		d := watchInterval
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
		if time.Since(beat) > l.s.Lease/3 {
			// the running actions stay this scheduler's while it sleeps
			if err := l.s.Heartbeat(ctx); err != nil {
				return
			}
			beat = time.Now()
		}
	}
}

// showProgress updates the terminal progress line.
func (l *applyLoop) showProgress(ctx context.Context) {
	if !l.progress.tty {
		return
	}
	total := map[state.ActionStatus]int{}
	var running []string
	for _, id := range l.jobs {
		counts, err := l.st.CountByStatus(ctx, id, state.ActionStatuses...)
		if err != nil {
			return
		}
		for s, n := range counts {
			total[s] += n
		}
		acts, err := l.st.ActionsByStatus(ctx, id, []state.ActionStatus{state.Running}, state.OldestFirst, 3)
		if err != nil {
			return
		}
		for _, a := range acts {
			running = append(running, a.ID)
		}
	}
	l.progress.set(progressLine(len(l.jobs), total, running))
}

// wakeup tells apply's loop that a local action's process ended, so that
// the next tick comes at once rather than at the next poll. Notifications
// that arrive during a tick are merged into one.
type wakeup chan struct{}

func newWakeup() wakeup { return make(wakeup, 1) }

// notify wakes the loop; it never blocks.
func (w wakeup) notify() {
	select {
	case w <- struct{}{}:
	default:
	}
}

// wait is w.Wait that also ends when a local action's process ends (wake).
func (l *applyLoop) wait(ctx context.Context, w *state.Watch, d time.Duration) (changed, woken bool, err error) {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan bool, 1)
	go func() {
		select {
		case <-l.wake:
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
