package webhdfs

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/google/go-cmp/cmp"
)

// flagTree makes /feeds/d00 … /feeds/d22 (d23 is missing), each holding
// _SUCCESS-<n> for even n below 42, and returns 1,000 done-flag URIs
// spread over the 24 directories with whether each exists.
func flagTree(t testing.TB, f *webhdfsfake.Server) ([]string, []bool) {
	t.Helper()
	for d := 0; d < 23; d++ {
		for n := 0; n < 42; n += 2 {
			must(t, f.WriteFile(fmt.Sprintf("/feeds/d%02d/_SUCCESS-%d", d, n), nil))
		}
	}
	var uris []string
	var exists []bool
	for i := 0; i < 1000; i++ {
		d, n := i%24, i/24
		uri := fmt.Sprintf("hdfs://ns1/feeds/d%02d/_SUCCESS-%d", d, n)
		if i%3 == 0 {
			uri = fmt.Sprintf("/feeds/d%02d/_SUCCESS-%d", d, n) // same nameservice, same cache
		}
		uris = append(uris, uri)
		exists = append(exists, d < 23 && n%2 == 0)
	}
	return uris, exists
}

func TestTickBatchesByDirectory(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, nil)
	uris, want := flagTree(t, e.fake)
	e.fake.ResetLog()
	tick := e.client.NewTick(context.Background())
	got := make([]bool, len(uris))
	for i, u := range uris {
		ok, err := tick.Exists(u)
		must(t, err)
		got[i] = ok
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if n, lists := e.fake.Count(""), e.fake.Count("LISTSTATUS"); n != 24 || lists != 24 {
		t.Errorf("1,000 checks in 24 directories cost %d requests (%d LISTSTATUS), want 24", n, lists)
	}

	// The same answers one GETFILESTATUS at a time.
	for _, i := range []int{0, 1, 23, 24, 47, 999} {
		ok, err := e.client.Exists(uris[i])
		must(t, err)
		if ok != want[i] {
			t.Errorf("Exists(%s) = %v, want %v", uris[i], ok, want[i])
		}
	}

	// A new tick looks again.
	must(t, e.fake.WriteFile("/feeds/d00/_SUCCESS-1", nil))
	e.fake.ResetLog()
	next := e.client.NewTick(context.Background())
	for _, u := range []string{"/feeds/d00/_SUCCESS-1", "/feeds/d00", "/", "hdfs://ns1/feeds/d23"} {
		ok, err := next.Exists(u)
		must(t, err)
		if want := u != "hdfs://ns1/feeds/d23"; ok != want {
			t.Errorf("Exists(%s) = %v, want %v", u, ok, want)
		}
	}
	if diff := cmp.Diff([]string{"nn0 GET LISTSTATUS /feeds/d00", "nn0 GET LISTSTATUS /feeds"}, e.log()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestTickConcurrent(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, nil)
	uris, want := flagTree(t, e.fake)
	e.fake.ResetLog()
	tick := e.client.NewTick(context.Background())
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for j := range uris {
				i := (j + g*125) % len(uris)
				ok, err := tick.Exists(uris[i])
				if err == nil && ok != want[i] {
					err = fmt.Errorf("Exists(%s) = %v, want %v", uris[i], ok, want[i])
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := e.fake.Count(""); n != 24 {
		t.Errorf("8 goroutines × 1,000 checks cost %d requests, want 24", n)
	}
}

func TestTickErrors(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, func(c *Config) { c.Retry.Attempts = 1 })
	must(t, e.fake.WriteFile("/d/_SUCCESS", nil))
	e.fake.AddFault(webhdfsfake.Fault{Status: 403, Exception: "AccessControlException", Message: "Permission denied: user=alice"})
	tick := e.client.NewTick(context.Background())
	for i := 0; i < 3; i++ {
		_, err := tick.Exists("/d/_SUCCESS")
		if !IsAccessControl(err) {
			t.Fatalf("check %d: error = %v, want the listing's AccessControlException", i, err)
		}
	}
	if _, err := tick.Exists("s3a://b/x"); err == nil {
		t.Error("a URI of another file system was accepted")
	}
	ok, err := e.client.NewTick(context.Background()).Exists("/d/_SUCCESS")
	if err != nil || !ok {
		t.Errorf("next tick = %v, %v; want true", ok, err)
	}
	if n := e.fake.Count(""); n != 2 {
		t.Errorf("requests = %d, want one per tick", n)
	}
	must(t, e.fake.WriteFile("/f", nil))
	if ok, err := e.client.NewTick(context.Background()).Exists("/f/x"); ok || err != nil {
		t.Errorf("a path under a file = %v, %v; want false", ok, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.client.NewTick(ctx).Exists("/d/_SUCCESS"); err == nil {
		t.Error("a cancelled tick answered")
	}
}
