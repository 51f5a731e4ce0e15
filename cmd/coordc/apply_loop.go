package main

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
)

// Loop timing of apply.
const (
	// watchInterval is how often a sleeping apply looks for changes that
	// another process (coordc kill, rerun …) made to the state database.
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
	progress  *progress
	errors    *errorCopier
	log       *slog.Logger
	lastErr   string
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
	w, err := newChangeWatch(ctx, l.st)
	if err != nil {
		return false, err
	}
	defer w.close()
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
		before := w.version
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
		if err := w.mark(work); err != nil {
			return false, err
		}
		// A tick that changed the database and wants the next one now
		// (more actions to materialize and start) is repeated at once.
		again := w.version != before && !next.IsZero() && !next.After(time.Now())
		l.errors.copy(work, l.jobs)
		if err := pruneJars(work, l.rt, l.st, l.log); err != nil {
			l.log.Warn("cannot delete uploaded jars; trying again later", "error", err)
		}
		l.showProgress(work)
		if l.untilDone {
			done, failed, err := jobsDone(work, l.st, l.jobs)
			if err != nil {
				return false, err
			}
			if done {
				l.log.Info("every job finished", "jobs", len(l.jobs), "failed", failed)
				return failed, nil
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
func (l *applyLoop) sleep(ctx context.Context, w *changeWatch, next time.Time) {
	first := true
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
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-l.wake:
			t.Stop()
			return
		case <-t.C:
		}
		if changed, err := w.changed(ctx); err != nil || changed {
			return
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

// changeWatch notices commits of other connections (another coordc
// process) through SQLite's data_version, read on one held connection.
type changeWatch struct {
	conn    *sql.Conn
	version int64
}

func newChangeWatch(ctx context.Context, st *state.Store) (*changeWatch, error) {
	conn, err := st.ReadDB().Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &changeWatch{conn: conn}, nil
}

func (w *changeWatch) read(ctx context.Context) (int64, error) {
	var v int64
	err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// mark records the current version: apply's own writes are before it.
func (w *changeWatch) mark(ctx context.Context) error {
	v, err := w.read(ctx)
	w.version = v
	return err
}

// changed reports whether anything was committed since mark.
func (w *changeWatch) changed(ctx context.Context) (bool, error) {
	v, err := w.read(ctx)
	return v != w.version, err
}

func (w *changeWatch) close() { w.conn.Close() }
