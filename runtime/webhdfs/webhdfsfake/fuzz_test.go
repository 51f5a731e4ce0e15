package webhdfsfake

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHandlers throws arbitrary methods, paths and queries at both nodes:
// the fake must answer every one without panicking, with JSON for every
// error it raises itself.
func FuzzHandlers(f *testing.F) {
	for _, s := range [][3]string{
		{"GET", "/webhdfs/v1/data", "op=LISTSTATUS_BATCH&startAfter=a"},
		{"PUT", "/webhdfs/v1/data/x", "op=CREATE&permission=1777&overwrite=TRUE"},
		{"PUT", "/webhdfs/v1/a/../b", "op=RENAME&destination=/"},
		{"DELETE", "/webhdfs/v1/", "op=DELETE&recursive=maybe"},
		{"GET", "/webhdfs/v1/data/a.txt", "op=OPEN&offset=-1&namenoderpcaddress=ns1"},
		{"POST", "/webhdfs/v1/data/a.txt", "op=APPEND&namenoderpcaddress=ns1&user.name=$"},
		{"PATCH", "/other", "op="},
	} {
		f.Add(s[0], s[1], s[2], "body")
	}
	s := New(Options{NameNodes: 2})
	defer s.Close()
	if err := s.WriteFile("/data/a.txt", []byte("hello")); err != nil {
		f.Fatal(err)
	}
	nodes := []http.Handler{s.handler("nn0", 0), s.handler("nn1", 1), s.handler("dn", -1)}
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		s.ResetLog()
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		for _, h := range nodes {
			req, err := http.NewRequest(method, "http://fake"+path+"?"+query, strings.NewReader(body))
			if err != nil {
				return
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 400 && w.Code != 401 && w.Code != 404 && !strings.HasPrefix(w.Body.String(), `{"RemoteException":`) {
				t.Errorf("%s %s?%s: %d with a non-JSON body %q", method, path, query, w.Code, w.Body)
			}
		}
	})
}
