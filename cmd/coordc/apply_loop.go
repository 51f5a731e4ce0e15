package main

import (
	"context"
	"errors"
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

// applyLoop is apply's use of loop.Loop: after each tick it copies failed
// actions' output, prunes uploaded jars, shows progress and, with
// untilDone, stops when every job is finished.
type applyLoop struct {
	s         *scheduler.Scheduler
	st        *state.Store
	rt        *settings.Runtime
	jobs      []string
	untilDone bool
	progress  *progress
	errors    *errorCopier
	log       *slog.Logger
}

// run loops until a signal cancels ctx or, with untilDone, until every job
// is finished; failed says whether a job or action ended in failure. A tick
// in progress when the signal arrives gets loop.ShutdownGrace to finish.
func (l *applyLoop) run(ctx context.Context) (failed bool, err error) {
	done := false
	lp := &loop.Loop{Scheduler: l.s, Store: l.st, Log: l.log,
		AfterTick: func(work context.Context, _ time.Duration, _ error) (bool, error) {
			l.errors.copy(work, l.jobs)
			if err := pruneJars(work, l.rt, l.st, l.log); err != nil {
				l.log.Warn("cannot delete uploaded jars; trying again later", "error", err)
			}
			l.showProgress(work)
			if !l.untilDone {
				return false, nil
			}
			var err error
			if done, failed, err = jobsDone(work, l.st, l.jobs); err != nil || !done {
				return false, err
			}
			l.log.Info("every job finished", "jobs", len(l.jobs), "failed", failed)
			return true, nil
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
