package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzHandler sends arbitrary methods, paths, queries and bodies to the
// whole handler: it must never panic nor answer 500 (the state database
// is healthy), and an error must carry Oozie's headers. Seeds are in
// testdata/fuzz/FuzzHandler besides the ones added here.
func FuzzHandler(f *testing.F) {
	for _, s := range []struct{ method, target, body string }{
		{"GET", "/oozie/v2/jobs?jobtype=coordinator&filter=status%3DRUNNING%3Bname%3Dx&offset=1&len=5", ""},
		{"GET", "/oozie/v2/job/0000001-alpha-C?show=info&len=3&offset=2&order=desc&filter=status%21%3DKILLED", ""},
		{"GET", "/oozie/v2/job/0000001-alpha-C@1?show=log", ""},
		{"GET", "/oozie/v2/job/..%2F..%2Fetc?show=errorlog", ""},
		{"PUT", "/oozie/v2/job/0000001-alpha-C?action=coord-rerun&type=date&scope=2009-03-01T08:00Z::2009-03-01T09:00Z", ""},
		{"PUT", "/oozie/v2/job/0000001-alpha-C?action=kill&type=action&scope=1-2", ""},
		{"POST", "/oozie/v2/jobs", "<configuration><property><name>oozie.coord.application.path</name><value>relative</value></property></configuration>"},
		{"POST", "/oozie/v2/jobs", "<configuration><property><name>a</name><value>&bogus;</value></property></configuration>"},
		{"GET", "/coordc/v1/logs/0000001-alpha-C?action=1-999999999", ""},
		{"GET", "/console/job/0000001-alpha-C?offset=-1&len=abc", ""},
		{"POST", "/console/action/0000001-alpha-C@1/rerun", "token=x"},
		{"PUT", "/oozie/v2/job/0000001-alpha-C?action=change&value=endtime%3D2009-03-01T09:00Z%3Bconcurrency%3D2%3Bpausetime%3D", ""},
		{"PUT", "/oozie/v2/job/0000001-alpha-C?action=ignore&type=date&scope=2009-03-01T08:00Z", ""},
		{"PUT", "/oozie/v2/job/0000001-alpha-C?action=update&dryrun=true&count=2", "<configuration><property><name>q</name><value>x</value></property></configuration>"},
		{"GET", "/coordc/v1/status?job=0000001-alpha-C&filter=status%21%3DKILLED%3Bnominaltime%3E%3D2009-03-01T08:00Z&offset=2&len=1&order=desc", ""},
		{"GET", "/coordc/v1/actions/0000001-alpha-C?action=1-3", ""},
		{"GET", "/coordc/v1/action/0000001-alpha-C@1?verbose=true", ""},
	} {
		f.Add(s.method, s.target, s.body)
	}
	fx := newFixture(f, "")
	fx.seedBundle(f, "nightly", fx.seed(f, "alpha", 3))
	h := fx.srv.Handler()
	f.Fuzz(func(t *testing.T, method, target, body string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t#") {
			return
		}
		switch method {
		case "GET", "POST", "PUT", "DELETE", "HEAD":
		default:
			return
		}
		if method == "POST" && strings.HasPrefix(target, "/oozie/v2/jobs") && strings.Contains(body, "application.path") {
			return // a real submission needs a Submitter; covered elsewhere
		}
		req, err := http.NewRequest(method, "http://127.0.0.1"+target, strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://127.0.0.1")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s: %d\n%s", method, target, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 && strings.HasPrefix(target, "/oozie/") && rec.Header().Get("oozie-error-code") == "" {
			t.Fatalf("%s %s: %d without oozie-error-code", method, target, rec.Code)
		}
	})
}

// FuzzParseConfiguration: any body is a configuration or a positioned
// error.
func FuzzParseConfiguration(f *testing.F) {
	f.Add("<configuration><property><name>a</name><value>b</value></property></configuration>")
	f.Add("<configuration>\n<property><name>a</name>\n</propert>")
	f.Add("<?xml version=\"1.0\"?><configuration><!-- c --><property><name> a </name><value><![CDATA[x]]></value></property></configuration>")
	f.Fuzz(func(t *testing.T, s string) {
		props, err := ParseConfiguration([]byte(s))
		if err != nil {
			ce, ok := err.(*ConfError)
			if !ok || ce.Line < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		// What parses round-trips through ConfigurationXML.
		again, err := ParseConfiguration(ConfigurationXML(props))
		if err != nil || len(again) != len(props) {
			t.Fatalf("round trip: %v %v %v", props, again, err)
		}
		for k, v := range props {
			if again[k] != v && strings.TrimSpace(k) == k {
				t.Fatalf("round trip of %q: %q, want %q", k, again[k], v)
			}
		}
	})
}

// FuzzParseManage: any query of PUT /oozie/v2/job/{id} is an operation or
// an error with Oozie's code; an operation read back from its own
// parameters (what the CLI sends) is the same operation.
func FuzzParseManage(f *testing.F) {
	for _, q := range []string{
		"action=kill", "action=coord-rerun&type=action&scope=1-3,7&refresh=true",
		"action=change&value=endtime%3D2030-01-01T00:00Z%3Bpausetime%3D", "action=change&value=status%3DRUNNING",
		"action=ignore&type=date&scope=2030-01-01T00:00Z::2030-01-02T00:00Z", "action=suspend&type=action&scope=1",
	} {
		f.Add("J", q)
		f.Add("J@3", q)
	}
	f.Fuzz(func(t *testing.T, id, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		req, code, err := ParseManage(id, q)
		if err != nil {
			if code == "" {
				t.Fatalf("%s %s: error without a code: %v", id, query, err)
			}
			return
		}
		again, _, err := ParseManage(req.Job, ManageParams(req))
		if err != nil || again.Result() != req.Result() || ManageParams(again).Encode() != ManageParams(req).Encode() {
			t.Fatalf("%s %s: %+v read back as %+v (%v)", id, query, req, again, err)
		}
	})
}
