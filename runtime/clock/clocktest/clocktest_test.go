package clocktest

import (
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock"
	"github.com/google/go-cmp/cmp"
)

func TestFake(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(t0)
	c.Advance(time.Minute)
	c.Advance(-time.Hour) // ignored: time never runs backwards
	if err := c.Sleep(context.Background(), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if got, want := c.Now(), t0.Add(time.Minute+2*time.Second); !got.Equal(want) {
		t.Errorf("Now = %v, want %v", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Hour); err == nil {
		t.Error("Sleep on a done context succeeded")
	}
	if diff := cmp.Diff([]time.Duration{2 * time.Second}, c.Slept()); diff != "" {
		t.Errorf("Slept (-want +got):\n%s", diff)
	}
	c.Set(t0)
	if !c.Now().Equal(t0) {
		t.Errorf("after Set: %v", c.Now())
	}
}

func TestSystemSleepEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := clock.System.Sleep(ctx, time.Minute); err == nil {
		t.Error("Sleep outlived its context")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Sleep took %v after its context ended", d)
	}
	if clock.Or(nil) != clock.System {
		t.Error("Or(nil) is not System")
	}
	if f := Func(func() time.Time { return time.Unix(7, 0) }); !clock.Or(f).Now().Equal(time.Unix(7, 0)) {
		t.Error("Or(c) is not c")
	}
}
