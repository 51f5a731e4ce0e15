package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

var t0 = time.Date(2009, 3, 1, 8, 0, 0, 0, time.UTC)

// fixture is a server over a fresh state database.
type fixture struct {
	st     *state.Store
	srv    *Server
	ts     *httptest.Server
	logDir string
}

func newFixture(tb testing.TB, token string) *fixture {
	tb.Helper()
	dir := tb.TempDir()
	st, err := state.Open(statetest.Target(tb, "coordc.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	f := &fixture{st: st, logDir: filepath.Join(dir, "logs")}
	f.srv = New(Config{Store: st, LogDir: f.logDir, Token: token, Version: "test",
		NewScheduler: func() *scheduler.Scheduler {
			// The seeded jobs have no definition file: an empty coordinator
			// (no outputs to clean up) stands for it.
			// A job submitted from a real file (the update tests) loads it.
			load := func(ctx context.Context, j state.Job) (*ir.Coordinator, error) {
				if _, err := os.Stat(j.AppPath); err == nil {
					return scheduler.LoadDefinition(ctx, j)
				}
				return &ir.Coordinator{}, nil
			}
			return &scheduler.Scheduler{Store: st, Dir: f.logDir, Load: load}
		},
	}, NewMetrics(st))
	f.ts = httptest.NewServer(f.srv.Handler())
	tb.Cleanup(f.ts.Close)
	return f
}

// seed creates a RUNNING job with n WAITING actions an hour apart.
func (f *fixture) seed(tb testing.TB, name string, n int) string {
	tb.Helper()
	ctx := context.Background()
	id, err := f.st.CreateJob(ctx, state.Job{AppName: name, AppPath: "/defs/" + name + ".xml", AppNamespace: "uri:oozie:coordinator:0.4",
		DefinitionHash: "h-" + name, Conf: `{"queue":"default"}`, Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE",
		TimeZone: "UTC", Start: t0, End: t0.Add(time.Duration(n) * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120,
		Execution: state.FIFO})
	if err != nil {
		tb.Fatal(err)
	}
	const batch = 5000
	for first := 1; first <= n; first += batch {
		m := state.Materialization{JobID: id, ExpectLast: first - 1, Running: first == 1}
		for i := first; i < first+batch && i <= n; i++ {
			m.Actions = append(m.Actions, state.NewAction{Number: i, Nominal: t0.Add(time.Duration(i-1) * time.Hour), Timeout: 120, ActionJSON: "{}"})
		}
		if ok, err := f.st.Materialize(ctx, m); err != nil || !ok {
			tb.Fatalf("materialize: %v %v", ok, err)
		}
	}
	return id
}

// force sets an action's status directly.
func (f *fixture) force(tb testing.TB, id string, s state.ActionStatus) {
	tb.Helper()
	if _, err := f.st.DB().Exec(`UPDATE coord_actions SET status = ? WHERE id = ?`, string(s), id); err != nil {
		tb.Fatal(err)
	}
}

// call makes one request and returns the status, headers and body.
func (f *fixture) call(tb testing.TB, method, path, body string, hdr ...string) (int, http.Header, string) {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(data)
}
