package gatewayfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzRequests sends arbitrary methods, paths and bodies straight into the
// fake's handler: it must never panic, and every answer must be JSON with
// a status the gateway sends.
func FuzzRequests(f *testing.F) {
	srv := New(Options{Version: "v3"})
	defer srv.Close()
	f.Add("POST", "/v1/sessions", []byte(`{"sessionName":"a","properties":{"k":"v"}}`))
	f.Add("POST", "/v2/sessions/00000000-0000-4000-8000-000000000000/statements", []byte(`{"statement":"SELECT 1","executionConfig":{"a":"b"},"executionTimeout":5}`))
	f.Add("GET", "/v3/sessions/00000000-0000-4000-8000-000000000000/operations/00000000-0000-4000-8000-000000000001/result/-1?rowFormat=JSON", []byte(nil))
	f.Add("DELETE", "/sessions//", []byte(nil))
	f.Add("GET", "/v4/api_versions", []byte(nil))
	f.Fuzz(func(t *testing.T, method, path string, body []byte) {
		req, err := http.NewRequest(method, "http://fake"+path, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 404, 500:
		default:
			t.Fatalf("%s %s: status %d", method, path, rec.Code)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: answer is not JSON: %q", method, path, rec.Body.String())
		}
	})
}
