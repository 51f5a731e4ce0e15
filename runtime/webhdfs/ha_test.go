package webhdfs

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/google/go-cmp/cmp"
)

func TestFailoverStandbyFirst(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{NameNodes: 2}, nil)
	e.fake.SetActive(1)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := e.client.Stat(ctx, "/"); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"nn0 GET GETFILESTATUS /", "nn1 GET GETFILESTATUS /", "nn1 GET GETFILESTATUS /"}
	if diff := cmp.Diff(want, e.log()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if e.clock.Sleeps() != nil {
		t.Errorf("failover slept: %v", e.clock.Sleeps())
	}
}

func TestFailoverWhenActiveDies(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{NameNodes: 2}, nil)
	ctx := context.Background()
	must(t, e.fake.MkdirAll("/user/alice"))
	must(t, e.fake.Chown("/user/alice", "alice", ""))
	must(t, e.client.Create(ctx, "/user/alice/f", strings.NewReader("v1"), nil))
	e.fake.StopNameNode(0)
	e.fake.SetActive(1)
	got, err := e.client.ReadFile(ctx, "/user/alice/f")
	must(t, err)
	if string(got) != "v1" {
		t.Errorf("ReadFile = %q", got)
	}
	ok, err := e.client.Rename(ctx, "/user/alice/f", "/user/alice/g")
	must(t, err)
	want := []string{"nn0 PUT CREATE /user/alice/f", "dn PUT CREATE /user/alice/f",
		"nn1 GET OPEN /user/alice/f", "dn GET OPEN /user/alice/f", "nn1 PUT RENAME /user/alice/f"}
	if diff := cmp.Diff(want, e.log()); diff != "" || !ok {
		t.Errorf("rename = %v; requests (-want +got):\n%s", ok, diff)
	}
}

func TestAllStandbyRetriesWithBackoff(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{NameNodes: 2}, func(c *Config) {
		c.Retry = Retry{Attempts: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	})
	e.fake.SetActive(-1)
	_, err := e.client.Stat(context.Background(), "/")
	if !IsStandby(err) {
		t.Fatalf("error = %v, want a StandbyException", err)
	}
	wantErr(t, err, "StandbyException: Operation category READ is not supported in state standby. Visit https://s.apache.org/sbnn-error (HTTP 403) (gave up after 3 attempts)")
	if diff := cmp.Diff([]time.Duration{75 * time.Millisecond, 150 * time.Millisecond}, e.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	if n := e.fake.Count("GETFILESTATUS"); n != 6 {
		t.Errorf("requests = %d, want 2 NameNodes × 3 attempts", n)
	}

	// A failover finishing while the client waits.
	e.fake.ResetLog()
	e.clock.onSleep = func(int) { e.fake.SetActive(1) }
	_, err = e.client.Stat(context.Background(), "/")
	must(t, err)
	want := []string{"nn0 GET GETFILESTATUS /", "nn1 GET GETFILESTATUS /", "nn0 GET GETFILESTATUS /", "nn1 GET GETFILESTATUS /"}
	if diff := cmp.Diff(want, e.log()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestBackoff(t *testing.T) {
	c, err := New(Config{Rand: func() float64 { return 0 }})
	must(t, err)
	var low []time.Duration
	for n := 1; n <= 7; n++ {
		low = append(low, c.backoff(n))
	}
	ms := time.Millisecond
	if diff := cmp.Diff([]time.Duration{250 * ms, 500 * ms, 1000 * ms, 2000 * ms, 4000 * ms, 7500 * ms, 7500 * ms}, low); diff != "" {
		t.Errorf("backoff with jitter 0 (-want +got):\n%s", diff)
	}
	c.rand = func() float64 { return 0.999999 }
	if d := c.backoff(100); d <= 14999*ms || d > 15*time.Second {
		t.Errorf("backoff(100) = %v, want just under the 15s cap", d)
	}
}

func TestRetriableAnswers(t *testing.T) {
	cases := []struct {
		name     string
		fault    webhdfsfake.Fault
		run      func(c *Client) error
		requests int
		sleeps   int
		wantErr  string
	}{
		{"503 plain text", webhdfsfake.Fault{Times: 2, Status: 503, Message: "busy"}, stat, 3, 2, ""},
		{"RetriableException", webhdfsfake.Fault{Status: 403, Exception: "RetriableException", Message: "try later"}, stat, 2, 1, ""},
		{"SafeModeException", webhdfsfake.Fault{Status: 403, Exception: "SafeModeException", Message: "safe mode"}, rename, 2, 1, ""},
		{"500 on a read", webhdfsfake.Fault{Status: 500, Exception: "RuntimeException", Message: "boom"}, stat, 2, 1, ""},
		{"500 on a rename", webhdfsfake.Fault{Status: 500, Exception: "RuntimeException", Message: "boom"}, rename, 1, 0,
			"webhdfs RENAME /d/a: RuntimeException: boom (HTTP 500)"},
		{"reset on a read", webhdfsfake.Fault{Times: 2, Reset: true}, stat, 3, 2, ""},
		{"reset on a rename", webhdfsfake.Fault{Reset: true}, rename, 1, 0, "webhdfs RENAME /d/a: 127.0.0.1:"},
		{"too many failures", webhdfsfake.Fault{Times: 9, Status: 503, Message: "busy"}, stat, 4, 3,
			`webhdfs GETFILESTATUS /d: server answered "busy" (HTTP 503) (gave up after 4 attempts)`},
		{"DataNode 503 on OPEN", webhdfsfake.Fault{Node: "dn", Status: 503, Message: "busy"}, read, 4, 1, ""},
		{"DataNode reset on OPEN", webhdfsfake.Fault{Node: "dn", Reset: true}, read, 4, 1, ""},
		{"DataNode 503 on CREATE, seekable data", webhdfsfake.Fault{Node: "dn", Status: 503, Message: "busy"}, create(true), 6, 1, ""},
		{"DataNode 503 on CREATE, one-shot data", webhdfsfake.Fault{Node: "dn", Status: 503, Message: "busy"}, create(false), 2, 0,
			`webhdfs CREATE /d/new: server answered "busy" (HTTP 503)`},
		{"NameNode reset on APPEND", webhdfsfake.Fault{Node: "nn0", Reset: true}, appendX, 1, 0, "webhdfs APPEND /d/a: 127.0.0.1:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, webhdfsfake.Options{}, func(c *Config) { c.User = "hdfs" })
			must(t, e.fake.WriteFile("/d/a", []byte("data")))
			e.fake.AddFault(tc.fault)
			err := tc.run(e.client)
			if tc.wantErr == "" {
				must(t, err)
			} else {
				wantErr(t, err, tc.wantErr)
			}
			if n := len(e.fake.Requests()); n != tc.requests {
				t.Errorf("requests = %d, want %d: %v", n, tc.requests, e.log())
			}
			if n := len(e.clock.Sleeps()); n != tc.sleeps {
				t.Errorf("sleeps = %d, want %d", n, tc.sleeps)
			}
		})
	}
}

func stat(c *Client) error {
	_, err := c.Stat(context.Background(), "/d")
	return err
}

func rename(c *Client) error {
	ok, err := c.Rename(context.Background(), "/d/a", "/d/b")
	if err == nil && !ok {
		err = errors.New("rename answered false")
	}
	return err
}

func read(c *Client) error {
	b, err := c.ReadFile(context.Background(), "/d/a")
	if err == nil && string(b) != "data" {
		err = errors.New("read " + string(b))
	}
	return err
}

func appendX(c *Client) error {
	return c.Append(context.Background(), "/d/a", strings.NewReader("x"))
}

func create(seekable bool) func(c *Client) error {
	return func(c *Client) error {
		var r io.Reader = bytes.NewReader([]byte("payload"))
		if !seekable {
			r = io.MultiReader(r)
		}
		if err := c.Create(context.Background(), "/d/new", r, nil); err != nil {
			return err
		}
		b, err := c.ReadFile(context.Background(), "/d/new")
		if err == nil && string(b) != "payload" {
			err = errors.New("read back " + string(b))
		}
		return err
	}
}

func TestTimeout(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, func(c *Config) {
		c.Timeout = 50 * time.Millisecond
		c.Retry.Attempts = 2
	})
	e.fake.AddFault(webhdfsfake.Fault{Times: 2, Latency: 10 * time.Second})
	start := time.Now()
	_, err := e.client.Stat(context.Background(), "/")
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	wantErr(t, err, "no answer within 50ms: webhdfs: request timed out (gave up after 2 attempts)")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(e.clock.Sleeps()) != 1 {
		t.Errorf("sleeps = %v, want one between the two attempts", e.clock.Sleeps())
	}
}

func TestCancelStopsRetrying(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, webhdfsfake.Options{}, nil)
	e.clock.onSleep = func(int) { cancel() }
	e.fake.FailNext(5, 503, "", "busy")
	_, err := e.client.Stat(ctx, "/")
	wantErr(t, err, "(stopped retrying: context canceled)")
	if n := len(e.fake.Requests()); n != 1 {
		t.Errorf("requests = %d, want 1", n)
	}
}
