package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/coordc/coordc/runtime/loop"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
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
	purge     *autoPurge
}

// run loops until a signal cancels ctx or, with untilDone, until every job
// is finished (or none can make progress without a change from outside);
// failed says whether a job or action ended in failure. A tick in progress
// when the signal arrives gets loop.ShutdownGrace to finish.
func (l *applyLoop) run(ctx context.Context) (failed bool, err error) {
	done := false
	lp := &loop.Loop{Scheduler: l.s, Store: l.st, Log: l.log, Wake: l.wake,
		AfterTick: func(work context.Context, tick loop.Tick) (bool, error) {
			l.errors.copy(work, l.jobs)
			if l.purge != nil {
				l.purge.run(work, l.st, l.log)
			}
			if err := pruneJars(work, l.rt, l.st, l.log); err != nil {
				l.log.Warn("cannot delete uploaded jars; trying again later", "error", err)
			}
			l.showProgress(work)
			if !l.untilDone {
				return false, nil
			}
			d, f, err := jobsDone(work, l.st, l.jobs)
			if err != nil {
				// the database is unreachable for now (a PostgreSQL
				// restart): the next tick retries
				l.log.Warn("cannot read the jobs' status; trying again", "error", err)
				return false, nil
			}
			if d {
				done, failed = true, f
				l.log.Info("every job finished", "jobs", len(l.jobs), "failed", failed)
				return true, nil
			}
			if tick.Again {
				return false, nil // some job makes progress: not stuck
			}
			stuck, err := l.outlook(work)
			if err != nil {
				// as above: the database is unreachable for now
				l.log.Warn("cannot read what the jobs wait for; trying again", "error", err)
				return false, nil
			}
			if stuck {
				done, failed = true, true
			}
			return stuck, nil
		}}
	if l.rt != nil {
		lp.BeforeTick = func(work context.Context) { l.rt.Storage.BeginTick(work) } // batch this tick's done-flag checks
	}
	if err := lp.Run(ctx); err != nil {
		return false, err
	}
	if ctx.Err() != nil {
		l.log.Info("stopped by a signal; running actions go on and are picked up by the next apply")
	}
	if l.untilDone && !done {
		return true, errInterrupted
	}
	return failed, nil
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
