package loop

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

func newLoop(t *testing.T) *Loop {
	t.Helper()
	st, err := state.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Loop{Scheduler: &scheduler.Scheduler{Store: st}, Store: st, Log: slog.New(slog.DiscardHandler)}
}

// TestAfterTickStops: the loop ends when AfterTick says so, after
// BeforeTick and the tick ran.
func TestAfterTickStops(t *testing.T) {
	l := newLoop(t)
	var before, after int
	l.BeforeTick = func(context.Context) { before++ }
	l.AfterTick = func(_ context.Context, tick Tick) (bool, error) {
		after++
		if tick.Err != nil || tick.Took < 0 {
			t.Errorf("tick: %v %v", tick.Took, tick.Err)
		}
		return after == 3, nil
	}
	wake := make(chan struct{}, 1)
	l.Wake = wake
	go func() {
		for i := 0; i < 3; i++ {
			wake <- struct{}{}
		}
	}()
	if err := l.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if before != 3 || after != 3 {
		t.Errorf("before %d after %d, want 3 each", before, after)
	}
}

// TestCancelStops: cancelling the context ends a sleeping loop with nil;
// a wake-up ends the sleep at once (an idle scheduler sleeps for ever
// otherwise).
func TestCancelStops(t *testing.T) {
	l := newLoop(t)
	ticks := make(chan struct{}, 10)
	l.AfterTick = func(context.Context, Tick) (bool, error) { ticks <- struct{}{}; return false, nil }
	wake := make(chan struct{}, 1)
	l.Wake = wake
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	<-ticks
	began := time.Now()
	wake <- struct{}{}
	<-ticks
	if d := time.Since(began); d > WatchInterval/2 {
		t.Errorf("a wake-up took %v to tick", d)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop")
	}
}
