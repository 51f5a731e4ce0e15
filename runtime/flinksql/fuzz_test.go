package flinksql

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// FuzzResponses answers every client call with the same arbitrary status
// and body: the client must return a value or an error, never panic.
func FuzzResponses(f *testing.F) {
	f.Add(200, []byte(`{"versions":["V1","V4"],"sessionHandle":"s","operationHandle":"o","status":"RUNNING"}`))
	f.Add(200, []byte(`{"resultType":"PAYLOAD","nextResultUri":"/v2/x/result/9?rowFormat=JSON","results":{"columns":[{"name":"a"}],"data":[{"kind":"INSERT","fields":[1,"x",null,{"a":[1]}]}]}}`))
	f.Add(500, []byte(`{"errors":["Internal server error.","<Exception on server side:\na: Session 'x' does not exist.\nCaused by: b\n"]}`))
	f.Add(200, []byte(`{"resultType":"EOS","results":{"data":[{"fields":"x"}]}}`))
	f.Add(503, []byte(`not json`))
	var mu sync.Mutex
	var status int
	var body []byte
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	defer ts.Close()
	f.Fuzz(func(t *testing.T, st int, b []byte) {
		if st < 200 || st > 599 {
			return
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()
		ctx := context.Background()
		c, err := New(Config{BaseURL: ts.URL})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = c.Version(ctx)
		c, _ = New(Config{BaseURL: ts.URL, Version: "v2"})
		_, _ = c.OpenSession(ctx, "n", nil)
		_, _ = c.SessionProperties(ctx, "s")
		_, _ = c.Execute(ctx, "s", "SELECT 1", nil)
		_, _ = c.Status(ctx, "s", "o")
		_, _ = c.Cancel(ctx, "s", "o")
		_ = c.CloseOperation(ctx, "s", "o")
		_ = c.CloseSession(ctx, "s")
		if p, err := c.Fetch(ctx, "s", "o", 0); err == nil {
			p.NextToken()
			for _, r := range p.Results.Data {
				for i := range r.Fields {
					_ = r.FieldText(i)
				}
			}
		} else {
			_ = err.Error()
		}
	})
}
