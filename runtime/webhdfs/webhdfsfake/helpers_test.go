package webhdfsfake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
)

// loadRef reads one reference JSON file or skips the test.
func loadRef(t *testing.T, name string) map[string]any {
	t.Helper()
	b := corpus.ReadShared(t, "reference", "webhdfs", name)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// response is a raw HTTP answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body generically.
func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body %q is not JSON: %v", r.body, err)
	}
	return v
}

// raw sends one request without following redirects.
func raw(t *testing.T, s *Server, method, url, body string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if tc := s.ClientTLSConfig(); tc != nil {
		c.Transport = &http.Transport{TLSClientConfig: tc}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

// nn is the URL of op on path at the first NameNode, with extra query
// text.
func nn(s *Server, path, op, extra string) string {
	u := s.NameNodeURLs()[0] + "/webhdfs/v1" + path + "?op=" + op
	if extra != "" {
		u += "&" + extra
	}
	return u
}

// newTestServer starts a fake with a small tree and closes it after the
// test.
func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	s := New(opts)
	t.Cleanup(s.Close)
	must(t, s.WriteFile("/data/a.txt", []byte("hello")))
	must(t, s.MkdirAll("/data/sub"))
	must(t, s.MkdirAll("/user/alice"))
	must(t, s.Chown("/user/alice", "alice", ""))
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// http0 sends a GET on a fresh connection and returns the status.
func http0(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
