package hdfsstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/webhdfs"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// newHDFS starts a fake cluster with nameservice ns1 (HA when nameNodes >
// 1) and a Storage on it, as user "etl", the cluster's superuser.
func newHDFS(t testing.TB, nameNodes int) (*webhdfsfake.Server, *Storage) {
	t.Helper()
	fake := webhdfsfake.New(webhdfsfake.Options{NameNodes: nameNodes, Superuser: "etl",
		Clock: clocktest.New(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))})
	t.Cleanup(fake.Close)
	c, err := webhdfs.New(webhdfs.Config{Nameservices: map[string][]string{"ns1": fake.NameNodeURLs()},
		DefaultNameservice: "ns1", User: "etl", Retry: webhdfs.Retry{Attempts: 2},
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	return fake, New(c)
}

// kindOf is the Kind of err, or -1 when it is not an *Error.
func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return -1
}
