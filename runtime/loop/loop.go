// Package loop is the main loop of a process that runs coordinator jobs
// (`coordc apply`, `coordc server`): tick the scheduler, let the caller
// report, sleep until the time the tick asked for or until another process
// commits a change to the state database, and stop when the context is
// cancelled. A tick in progress when the context is cancelled is finished
// first; running actions are never stopped (the next process picks them
// up).
package loop

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// Loop timing.
const (
	// WatchInterval is how often a sleeping loop looks for changes that
	// another process (coordc kill, rerun …) made to the state database.
	WatchInterval = time.Second
	// minSleep keeps the loop from ticking in a tight loop when the
	// scheduler asks for another tick at once.
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
	// AfterTick, when set, runs after every tick with the tick's duration
	// and error; stop ends the loop, err ends it with that error.
	AfterTick func(ctx context.Context, took time.Duration, tickErr error) (stop bool, err error)
	// Wake, when set, ends a sleep early when it receives (a submission by
	// the same process).
	Wake <-chan struct{}

	lastErr string
}

// Run loops until ctx is cancelled (it returns nil; running actions go on;
// a tick in progress gets ShutdownGrace) or AfterTick stops it.
func (l *Loop) Run(ctx context.Context) error {
	w, err := newChangeWatch(ctx, l.Store)
	if err != nil {
		return err
	}
	defer w.close()
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
		if err := w.mark(work); err != nil {
			return err
		}
		if l.AfterTick != nil {
			stop, err := l.AfterTick(work, took, terr)
			if err != nil || stop {
				return err
			}
		}
		if l.sleep(ctx, w, next); ctx.Err() != nil {
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
// change by another process, whichever comes first.
func (l *Loop) sleep(ctx context.Context, w *changeWatch, next time.Time) {
	first := true
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
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-l.Wake:
			t.Stop()
			return
		case <-t.C:
		}
		if changed, err := w.changed(ctx); err != nil || changed {
			return
		}
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

// mark records the current version: the loop's own writes are before it.
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
