package flinkfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzRequests sends arbitrary methods, paths and bodies straight into the
// fake's handler (no network): it must never panic, and every answer must
// be JSON with a status a JobManager can send.
func FuzzRequests(f *testing.F) {
	srv := New(Options{})
	defer srv.Close()
	jar := jarBytes(&testing.T{}, "a.B")
	f.Add("POST", "/jars/upload", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"a.jar\"\r\n\r\n"+string(jar)+"\r\n--x--\r\n"))
	f.Add("POST", "/jars/x.jar/run", "application/json", []byte(`{"jobId":"00000000000000000000000000000001","programArgsList":["a"],"parallelism":2}`))
	f.Add("POST", "/jars/x.jar/run?programArg=a,b&parallelism=3", "application/json", []byte(`{"flinkConfiguration":{"a":"b"}}`))
	f.Add("PATCH", "/jobs/00000000000000000000000000000001?mode=STOP", "", []byte(nil))
	f.Add("POST", "/jobs/00000000000000000000000000000001/stop", "application/json", []byte(`{"triggerId":"00000000000000000000000000000002","drain":true}`))
	f.Add("GET", "/v1/jobs/00000000000000000000000000000001/savepoints/00000000000000000000000000000002", "", []byte(nil))
	f.Add("GET", "/jobs/00000000000000000000000000000001/exceptions?maxExceptions=-1", "", []byte(nil))
	f.Add("DELETE", "/jars//", "", []byte(nil))
	f.Fuzz(func(t *testing.T, method, path, contentType string, body []byte) {
		req, err := http.NewRequest(method, "http://fake"+path, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 202, 308, 400, 404, 409, 413, 500:
		default:
			t.Fatalf("%s %s: status %d", method, path, rec.Code)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: answer is not JSON: %q", method, path, rec.Body.String())
		}
	})
}

// FuzzParseYAML feeds arbitrary text to the spec reader, which must fail
// cleanly rather than panic or loop.
func FuzzParseYAML(f *testing.F) {
	f.Add("a: 1\nb:\n- c: \"d\\\n  \\ e\"\n  f: |-\n    g\n")
	f.Add("- - x\n")
	f.Add("'k''': v\n")
	f.Add("a: \"\\")
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = parseYAML(src)
	})
}
