package webhdfs

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// fixedNow makes the fake's modification times deterministic.
var fixedNow = time.Date(2024, 3, 10, 2, 30, 0, 0, time.UTC)

// fakeClock records the backoff sleeps instead of sleeping.
// onSleep, when set, runs at each sleep (with its 1-based number), as
// the world changing while the client waits.
type fakeClock struct {
	mu      sync.Mutex
	sleeps  []time.Duration
	onSleep func(n int)
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.sleeps = append(f.sleeps, d)
	n, hook := len(f.sleeps), f.onSleep
	f.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return ctx.Err()
}

func (f *fakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// env is a fake cluster with a client pointed at it.
type env struct {
	fake   *webhdfsfake.Server
	client *Client
	clock  *fakeClock
}

// newEnv starts a fake (closed after the test) and a client on it, the
// nameservice "ns1" being the default; edit adjusts the client config.
func newEnv(t testing.TB, opts webhdfsfake.Options, edit func(*Config)) *env {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = clocktest.New(fixedNow)
	}
	f := webhdfsfake.New(opts)
	t.Cleanup(f.Close)
	clock := &fakeClock{}
	cfg := Config{
		Nameservices:       map[string][]string{"ns1": f.NameNodeURLs()},
		DefaultNameservice: "ns1",
		User:               "alice",
		TLS:                f.ClientTLSConfig(),
		Timeout:            5 * time.Second,
		Sleep:              clock.Sleep,
		Rand:               func() float64 { return 0.5 },
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{fake: f, client: c, clock: clock}
}

// log renders the fake's request log as "node METHOD OP path" lines.
func (e *env) log() []string {
	var out []string
	for _, r := range e.fake.Requests() {
		out = append(out, fmt.Sprintf("%s %s %s %s", r.Node, r.Method, r.Op, r.Path))
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr fails unless err's message contains want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want one containing %q", err, want)
	}
}
