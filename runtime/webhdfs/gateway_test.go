package webhdfs

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// gateway serves answers written by the test, for server behaviours the
// fake does not have.
func gateway(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(Config{Nameservices: map[string][]string{"gw": {srv.URL}}, DefaultNameservice: "gw",
		Retry: Retry{Attempts: 1}})
	must(t, err)
	return c
}

// TestHttpFSRedirects follows an HttpFS-style gateway, which redirects
// data operations to itself with data=true instead of to a DataNode.
func TestHttpFSRedirects(t *testing.T) {
	var stored string
	c := gateway(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch {
		case q.Get("data") != "true":
			w.Header().Set("Location", r.URL.Path+"?op="+q.Get("op")+"&data=true")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case q.Get("op") == "CREATE" && r.Header.Get("Content-Type") == "application/octet-stream":
			b, _ := io.ReadAll(r.Body)
			stored = string(b)
			w.WriteHeader(http.StatusCreated)
		case q.Get("op") == "OPEN":
			_, _ = io.WriteString(w, stored)
		default:
			w.WriteHeader(http.StatusBadRequest)
		}
	})
	ctx := context.Background()
	must(t, c.Create(ctx, "/f", strings.NewReader("via gateway"), nil))
	got, err := c.ReadFile(ctx, "/f")
	must(t, err)
	if string(got) != "via gateway" {
		t.Errorf("ReadFile = %q", got)
	}
}

func TestBadServerAnswers(t *testing.T) {
	cases := []struct {
		name   string
		answer func(w http.ResponseWriter, r *http.Request)
		run    func(c *Client) error
		want   string
	}{
		{"redirect to ftp", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "ftp://dn/x")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}, read, `webhdfs OPEN /d/a: the NameNode redirected to a "ftp" URL; only http and https are followed`},
		{"redirect without Location", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTemporaryRedirect)
		}, read, "webhdfs OPEN /d/a: the NameNode's redirect has no usable Location header"},
		{"CREATE without redirect", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
		}, create(true), "webhdfs CREATE /d/new: the NameNode answered HTTP 201 instead of a 307 redirect to a DataNode"},
		{"not JSON", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, "<html>")
		}, stat, "webhdfs GETFILESTATUS /d: the answer is not the expected FileStatus JSON"},
		{"wrong object", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{"boolean":true}`)
		}, stat, `webhdfs GETFILESTATUS /d: the answer has no "FileStatus" object`},
		{"boolean missing", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{}`)
		}, rename, `webhdfs RENAME /d/a: the answer has no "boolean" object`},
		{"empty page with entries remaining", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{"DirectoryListing":{"partialListing":{"FileStatuses":{"FileStatus":[]}},"remainingEntries":3}}`)
		}, list, "webhdfs LISTSTATUS_BATCH /d: the server reported 3 remaining entries but sent none"},
		{"listing that does not advance", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{"DirectoryListing":{"partialListing":{"FileStatuses":{"FileStatus":[{"pathSuffix":""}]}},"remainingEntries":1}}`)
		}, list, `webhdfs LISTSTATUS_BATCH /d: the listing did not advance past ""`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, tc.run(gateway(t, tc.answer)), tc.want)
		})
	}
}

func list(c *Client) error {
	_, err := c.List(context.Background(), "/d")
	return err
}
