package flink

import (
	"archive/zip"
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

// fakeClock is a Client clock whose Sleep advances the fake JobManager's
// clock, so polling drives the fake's job lifecycles without waiting.
type fakeClock struct{ mc *clocktest.Fake }

func (c *fakeClock) Now() time.Time { return c.mc.Now() }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error { return c.mc.Sleep(ctx, d) }

func (c *fakeClock) slept() []time.Duration { return c.mc.Slept() }

// env is a fake JobManager plus a Client wired to it.
type env struct {
	fake   *flinkfake.Server
	clock  *fakeClock
	client *Client
}

var flavors = []flinkfake.Flavor{flinkfake.Flink2, flinkfake.Flink120}

func newEnv(t *testing.T, opts flinkfake.Options) *env {
	t.Helper()
	mc := clocktest.New(time.Date(2025, 3, 30, 0, 30, 0, 0, time.UTC))
	opts.Clock = mc
	fake := flinkfake.New(opts)
	t.Cleanup(fake.Close)
	e := &env{fake: fake, clock: &fakeClock{mc: mc}}
	e.client = e.newClient(t)
	return e
}

// newClient returns a fresh Client (empty jar cache), as after a crash.
func (e *env) newClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: e.fake.URL(), Clock: e.clock, Rand: func() float64 { return 0.5 },
		RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testJar builds a jar whose manifest names mainClass.
func testJar(t *testing.T, name, mainClass string) Jar {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("META-INF/MANIFEST.MF")
	if err == nil {
		_, err = w.Write([]byte("Manifest-Version: 1.0\r\nMain-Class: " + mainClass + "\r\n\r\n"))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return Jar{Name: name, Content: buf.Bytes()}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
