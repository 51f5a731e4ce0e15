package gatewayfake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/runtime/flink/openapi"
	"github.com/coordc/coordc/runtime/flinksql"
)

// exchange is one request to the fake and its answer.
type exchange struct {
	route        string
	version      string
	status       int
	request, raw []byte
}

// recorder is a transport that keeps every exchange.
type recorder struct {
	srv *Server
	log []exchange
}

func (rec *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	v, path, _ := rec.srv.versionOf(r.URL.Path)
	_, _, key, _ := matchRoute(r.Method, path)
	rec.log = append(rec.log, exchange{route: key, version: v, status: resp.StatusCode, request: body, raw: raw})
	return resp, nil
}

// loadSpec reads one version's spec with the members Flink's result
// serializer writes beyond it.
func loadSpec(t *testing.T, version string) *openapi.Spec {
	t.Helper()
	s, err := openapi.Load(corpus.ReadShared(t, "reference", "flink", "rest_"+version+"_sql_gateway.yml"))
	if err != nil {
		t.Fatal(err)
	}
	s.Allow["ResultInfo"] = []string{"columns"}
	s.Allow["RowData"] = []string{"kind", "fields"}
	s.Allow["FetchResultsResponseBody"] = []string{"isQueryResult"}
	return s
}

// exercise runs every operation through the client and raw requests,
// errors included.
func exercise(t *testing.T, srv *Server, hc *http.Client, version string) {
	ctx := context.Background()
	c, err := flinksql.New(flinksql.Config{BaseURL: srv.URL(), HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.Version(ctx); err != nil || v != version {
		t.Fatalf("Version = %q, %v; want %s", v, err, version)
	}
	raw := func(method, path, body string) {
		req, _ := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	raw("GET", "/"+version+"/info", "")
	s, err := c.OpenSession(ctx, "conformance", map[string]string{"execution.runtime-mode": "batch"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SessionProperties(ctx, s); err != nil {
		t.Fatal(err)
	}
	raw("POST", "/"+version+"/sessions/"+s+"/heartbeat", "")
	op, err := c.Execute(ctx, s, "SELECT a, b FROM t", map[string]string{"pipeline.name": "x"})
	if err != nil {
		t.Fatal(err)
	}
	var rows int
	for tok, ok := int64(0), true; ok; {
		p, err := c.Fetch(ctx, s, op, tok)
		if err != nil {
			t.Fatal(err)
		}
		if p.ResultType == flinksql.ResultNotReady {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		rows += len(p.Results.Data)
		tok, ok = p.NextToken()
	}
	if rows != 3 {
		t.Errorf("fetched %d rows, want 3", rows)
	}
	if st, err := c.Status(ctx, s, op); err != nil || st != flinksql.StatusFinished {
		t.Errorf("Status = %s, %v", st, err)
	}
	if err := c.CloseOperation(ctx, s, op); err != nil {
		t.Fatal(err)
	}
	slow, err := c.Execute(ctx, s, "INSERT INTO slow SELECT 1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := c.Fetch(ctx, s, slow, 0); err != nil || p.ResultType != flinksql.ResultNotReady {
		t.Errorf("fetch of a running operation = %+v, %v", p, err)
	}
	if st, err := c.Cancel(ctx, s, slow); err != nil || st != flinksql.StatusCanceled {
		t.Errorf("Cancel = %s, %v", st, err)
	}
	bad, err := c.Execute(ctx, s, "INSERT INTO broken SELECT 1", nil)
	if err != nil {
		t.Fatal(err)
	}
	for st := flinksql.StatusRunning; !st.Terminal(); time.Sleep(5 * time.Millisecond) {
		if st, err = c.Status(ctx, s, bad); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Fetch(ctx, s, bad, 0); err == nil || !strings.Contains(err.Error(), "no such table") {
		t.Errorf("fetch of a failed operation: %v", err)
	}
	// Errors: unknown operation, malformed handle, bad body, unknown route.
	if _, err := c.Status(ctx, s, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, flinksql.ErrNotFound) {
		t.Errorf("unknown operation: %v", err)
	}
	raw("GET", "/"+version+"/sessions/nope", "")
	raw("POST", "/"+version+"/sessions", `{"sessionName":"x","unknown":1}`)
	raw("GET", "/"+version+"/nope", "")
	if version != "v1" {
		raw("GET", "/"+version+"/sessions/"+s+"/operations/"+op+"/result/0", "")
	}
	if err := c.CloseSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SessionProperties(ctx, s); !errors.Is(err, flinksql.ErrNotFound) {
		t.Errorf("closed session: %v", err)
	}
	if err := c.CloseSession(ctx, s); err != nil {
		t.Errorf("closing a closed session: %v", err)
	}
}

func conformanceScript(stmt string) Outcome {
	switch {
	case strings.Contains(stmt, "slow"):
		return Outcome{Duration: time.Hour}
	case strings.Contains(stmt, "broken"):
		return Outcome{Duration: 10 * time.Millisecond, Error: "Table `broken` does not exist: no such table"}
	}
	return Outcome{Columns: []string{"a", "b"}, Rows: [][]any{{1, "x"}, {2, nil}, {3, "z"}}}
}

// TestExchangesMatchTheSpecs runs every operation against the fake for each
// API version and checks each request body against the version's request
// schema, each success against its response schema and each error against
// Flink's ErrorResponseBody shape.
func TestExchangesMatchTheSpecs(t *testing.T) {
	for _, version := range Versions {
		t.Run(version, func(t *testing.T) {
			spec := loadSpec(t, version)
			srv := New(Options{Version: version, Script: conformanceScript, PageSize: 2})
			defer srv.Close()
			rec := &recorder{srv: srv}
			exercise(t, srv, &http.Client{Transport: rec}, version)
			successes := map[string]bool{}
			var errs []string
			for _, ex := range rec.log {
				if ex.version != version && ex.route != "GET /api_versions" {
					t.Errorf("%s sent under %s", ex.route, ex.version)
				}
				var body any
				if err := json.Unmarshal(ex.raw, &body); err != nil {
					t.Errorf("%s: answer is not JSON: %q", ex.route, ex.raw)
					continue
				}
				if ex.status != http.StatusOK {
					errs = append(errs, ex.route)
					checkErrorBody(t, ex, body)
					continue
				}
				successes[ex.route] = true
				if len(ex.request) > 0 {
					schema, err := spec.RequestSchema(ex.route)
					if err != nil || schema == nil {
						t.Errorf("%s: a body the spec does not describe (%v)", ex.route, err)
					} else {
						var req any
						_ = json.Unmarshal(ex.request, &req)
						for _, v := range spec.Check(schema, req, "$") {
							t.Errorf("%s request: %s\nbody: %s", ex.route, v, ex.request)
						}
					}
				}
				schema, err := spec.ResponseSchema(ex.route, ex.status)
				if err != nil {
					t.Errorf("%v", err)
					continue
				}
				if schema == nil {
					if m, ok := body.(map[string]any); !ok || len(m) != 0 {
						t.Errorf("%s: body %s, want {}", ex.route, ex.raw)
					}
					continue
				}
				for _, v := range spec.Check(schema, body, "$") {
					t.Errorf("%s: %s\nbody: %s", ex.route, v, ex.raw)
				}
			}
			for _, rt := range Routes() {
				if !successes[rt] {
					t.Errorf("no successful exchange exercised %s", rt)
				}
			}
			want := []string{
				"GET /sessions/:session_handle/operations/:operation_handle/result/:token", // failed operation
				"GET /sessions/:session_handle/operations/:operation_handle/status",        // unknown operation
				"GET /sessions/:session_handle",                                            // malformed handle
				"POST /sessions",                                                           // unknown member
				"GET /nope",
			}
			if version != "v1" {
				want = append(want, "GET /sessions/:session_handle/operations/:operation_handle/result/:token") // no rowFormat
			}
			want = append(want, "GET /sessions/:session_handle", "DELETE /sessions/:session_handle") // closed session
			if strings.Join(errs, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func checkErrorBody(t *testing.T, ex exchange, body any) {
	t.Helper()
	m, ok := body.(map[string]any)
	errs, _ := m["errors"].([]any)
	if !ok || len(m) != 1 || len(errs) == 0 {
		t.Errorf("%s %d: error body %s, want {\"errors\":[...]}", ex.route, ex.status, ex.raw)
		return
	}
	for _, e := range errs {
		if s, ok := e.(string); !ok || s == "" {
			t.Errorf("%s %d: error element %v is not a non-empty string", ex.route, ex.status, e)
		}
	}
}
