package flink

import (
	"encoding/json"
	"testing"
)

// FuzzErrorBody feeds arbitrary response bodies through error decoding and
// classification, which must never panic.
func FuzzErrorBody(f *testing.F) {
	f.Add(400, []byte(`{"errors":["x: Could not execute application.\nCaused by: DuplicateJobSubmissionException"]}`))
	f.Add(500, []byte(`{"errors":["Internal server error.","<Exception on server side:\nFlinkJobNotFoundException"]}`))
	f.Add(404, []byte(`{"errors":[]}`))
	f.Add(503, []byte(`not json`))
	f.Add(200, []byte(`{"errors":null}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := newAPIError("GET", "/x", status, body)
		_ = e.Error()
		_ = isJobNotFound(e)
		_ = IsDuplicateSubmission(e)
		_ = isJarMissing(e)
		_ = retryIdempotent.allows(e)
	})
}

// FuzzExceptionsMessage decodes arbitrary exception histories and
// summarises them, which must never panic.
func FuzzExceptionsMessage(f *testing.F) {
	f.Add([]byte(`{"exceptionHistory":{"entries":[{"stacktrace":"A: b\nCaused by: C: d","taskName":"t"}],"truncated":true}}`))
	f.Add([]byte(`{"root-exception":"x\ny","exceptionHistory":{"entries":[]}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var x JobExceptions
		if json.Unmarshal(body, &x) != nil {
			return
		}
		_ = x.Message()
	})
}
