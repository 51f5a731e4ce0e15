package webhdfs

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// replyTransport answers every request with one status, Location header
// and body, as a hostile or broken NameNode (or DataNode) would.
type replyTransport struct {
	status   int
	location string
	body     []byte
}

func (r replyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{"Content-Type": {"application/json"}}
	if r.location != "" {
		h.Set("Location", r.location)
	}
	return &http.Response{StatusCode: r.status, Header: h, Body: io.NopCloser(bytes.NewReader(r.body)), Request: req}, nil
}

// FuzzResponses feeds an arbitrary answer to every operation, that is to
// every response parser (FileStatus, FileStatuses, DirectoryListing,
// boolean, RemoteException, redirects): none may panic or hang.
func FuzzResponses(f *testing.F) {
	for _, s := range []struct {
		status         int
		location, body string
	}{
		{200, "", `{"FileStatus":{"type":"FILE","length":3,"pathSuffix":"","modificationTime":1,"permission":"644"}}`},
		{200, "", `{"FileStatuses":{"FileStatus":[{"type":"DIRECTORY","pathSuffix":"a"}]}}`},
		{200, "", `{"DirectoryListing":{"partialListing":{"FileStatuses":{"FileStatus":[]}},"remainingEntries":1}}`},
		{200, "", `{"boolean":true}`}, {200, "", `{"boolean":null}`},
		{307, "http://dn1:9864/webhdfs/v1/p?op=CREATE", ``}, {307, "ftp://x/", ``}, {307, "", ``},
		{403, "", `{"RemoteException":{"exception":"StandbyException","javaClassName":"org.apache.hadoop.ipc.StandbyException","message":"standby"}}`},
		{404, "", `{"RemoteException":{"exception":"FileNotFoundException","message":"File does not exist: /p"}}`},
		{400, "", `{"RemoteException":{"exception":"IllegalArgumentException","message":"Invalid value for webhdfs parameter \"op\""}}`},
		{200, "", ``}, {200, "", `null`}, {200, "", `{"FileStatus":null}`}, {500, "", `<html>`},
		{200, "", strings.Repeat(`[`, 10000)},
	} {
		f.Add(s.status, s.location, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, location string, body []byte) {
		if status < 100 || status > 999 {
			status = 200
		}
		c, err := New(Config{Nameservices: map[string][]string{"ns1": {"http://nn1:9870"}}, DefaultNameservice: "ns1",
			Transport: replyTransport{status, location, body}, Retry: Retry{Attempts: 1}, Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		const p = "hdfs://ns1/a/b"
		c.Stat(ctx, p)
		c.ListStatus(ctx, p)
		c.ListBatch(ctx, p, "x")
		c.List(ctx, p)
		c.ReadFile(ctx, p)
		if rc, err := c.Open(ctx, p, &OpenOptions{Offset: 1, Length: 2}); err == nil {
			io.Copy(io.Discard, rc)
			rc.Close()
		}
		c.Create(ctx, p, strings.NewReader("data"), &CreateOptions{Overwrite: true})
		c.Append(ctx, p, strings.NewReader("data"))
		c.Mkdirs(ctx, p, "750")
		c.Rename(ctx, p, "/a/c")
		c.Delete(ctx, p, true)
		c.ExistsContext(ctx, p)
		tick := c.NewTick(ctx)
		tick.Exists(p)
		if ctx.Err() != nil {
			t.Fatalf("the operations did not end within 10s for %d %q", status, body)
		}
	})
}
