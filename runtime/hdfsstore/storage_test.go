package hdfsstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsHDFS(t *testing.T) {
	for uri, want := range map[string]bool{
		"hdfs://ns1/a": true, "HDFS://ns1/a": true, "webhdfs://nn:9870/a": true, "swebhdfs://nn/a": true,
		"/a": false, "file:///a": false, "s3://b/a": false, "a/hdfs://x": false, "": false,
	} {
		if got := IsHDFS(uri); got != want {
			t.Errorf("IsHDFS(%q) = %v, want %v", uri, got, want)
		}
	}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct{ base, p, want string }{
		{"hdfs://ns1/apps/wf", "lib/job.jar", "hdfs://ns1/apps/wf/lib/job.jar"},
		{"hdfs://ns1/apps/wf/", "../x.jar", "hdfs://ns1/apps/x.jar"},
		{"hdfs:///apps/wf", "workflow.xml", "hdfs:///apps/wf/workflow.xml"},
		{"hdfs://ns1", "a", "hdfs://ns1/a"},
		{"file:///apps/wf", "a.xml", "file:///apps/wf/a.xml"},
		{"/apps/wf", "lib/a.jar", "/apps/wf/lib/a.jar"},
		{"/apps/wf", "/abs/a.jar", "/abs/a.jar"},
		{"/apps/wf", "hdfs://ns2/a.jar", "hdfs://ns2/a.jar"},
		{"", "a.jar", "a.jar"},
	} {
		if got := Join(tc.base, tc.p); got != tc.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tc.base, tc.p, got, tc.want)
		}
	}
}

// TestWithoutClient: local paths work, HDFS URIs are refused with advice.
func TestWithoutClient(t *testing.T) {
	s := New(nil)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644)
	for uri, want := range map[string]bool{filepath.Join(dir, "f"): true, "file://" + filepath.Join(dir, "g"): false} {
		if got, err := s.Exists(uri); err != nil || got != want {
			t.Errorf("Exists(%s) = %v, %v", uri, got, err)
		}
	}
	_, err := s.Exists("hdfs://ns1/x")
	if kindOf(err) != KindUnsupported || err.Error() != "hdfs://ns1/x: no WebHDFS endpoint is configured; pass --webhdfs URL, set COORDC_WEBHDFS, or add a runtime { webhdfs { … } } block to .coordc.hcl" {
		t.Errorf("Exists(hdfs) = %v", err)
	}
	if _, err := s.ReadFile(context.Background(), "s3://b/x"); kindOf(err) != KindUnsupported {
		t.Errorf("ReadFile(s3) = %v", err)
	}
	s.BeginTick(context.Background()) // no client: nothing to batch
	if got, err := s.Exists(filepath.Join(dir, "f")); err != nil || !got {
		t.Errorf("Exists in a tick = %v, %v", got, err)
	}
}

// TestTickBatching: in a tick, checks under one directory cost one
// LISTSTATUS (an absolute path without a scheme is local); a write through the Storage drops the cached listing;
// outside a tick each check is a GETFILESTATUS.
func TestTickBatching(t *testing.T) {
	fake, s := newHDFS(t, 1)
	for _, p := range []string{"/data/2025/01/01/_SUCCESS", "/data/2025/01/02/_SUCCESS"} {
		fake.WriteFile(p, nil)
	}
	ctx := context.Background()
	check := func(uris ...string) []bool {
		var out []bool
		for _, u := range uris {
			ok, err := s.Exists(u)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, ok)
		}
		return out
	}
	s.BeginTick(ctx)
	fake.ResetLog()
	got := check("hdfs://ns1/data/2025/01/01/_SUCCESS", "hdfs://ns1/data/2025/01/01/x", "/data/2025/01/01/_SUCCESS",
		"hdfs://ns1/data/2025/01/03/_SUCCESS", "hdfs://ns1/data/2025/01/03/x")
	if diff := cmp.Diff([]bool{true, false, false, false, false}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n, m := fake.Count("LISTSTATUS"), fake.Count("GETFILESTATUS"); n != 2 || m != 0 {
		t.Errorf("%d LISTSTATUS, %d GETFILESTATUS; want 2 and 0", n, m)
	}
	fake.WriteFile("/data/2025/01/01/late", nil)
	if got := check("hdfs://ns1/data/2025/01/01/late"); got[0] {
		t.Error("the tick saw a file written behind its back; it should answer from its listing")
	}
	if err := s.Touchz(ctx, "hdfs://ns1/data/2025/01/03/_SUCCESS"); err != nil {
		t.Fatal(err)
	}
	if got := check("hdfs://ns1/data/2025/01/03/_SUCCESS", "hdfs://ns1/data/2025/01/01/late"); !got[0] || !got[1] {
		t.Errorf("after a write through the Storage: %v, want the listings fetched again", got)
	}
	fake.WriteFile("/data/2025/01/01/later", nil)
	s.BeginTick(ctx)
	if got := check("hdfs://ns1/data/2025/01/01/later"); !got[0] {
		t.Error("a new tick does not see the new file")
	}
	s = New(s.HDFS())
	fake.ResetLog()
	check("hdfs://ns1/data/2025/01/01/_SUCCESS", "hdfs://ns1/data/2025/01/02/_SUCCESS")
	if n := fake.Count("GETFILESTATUS"); n != 2 {
		t.Errorf("without a tick: %d GETFILESTATUS, want 2", n)
	}
}

// TestFailover: a standby NameNode is skipped, as the client does.
func TestFailover(t *testing.T) {
	fake, s := newHDFS(t, 2)
	fake.WriteFile("/data/in/_SUCCESS", nil)
	fake.SetActive(1)
	if ok, err := s.Exists("hdfs://ns1/data/in/_SUCCESS"); err != nil || !ok {
		t.Errorf("Exists after failover = %v, %v", ok, err)
	}
	if data, err := s.ReadFile(context.Background(), "hdfs://ns1/data/in/_SUCCESS"); err != nil || len(data) != 0 {
		t.Errorf("ReadFile after failover = %q, %v", data, err)
	}
}
