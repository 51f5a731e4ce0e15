package workflow

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	_ "modernc.org/sqlite"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/schemas"
)

// fixtures is testdata/workflows at the module root.
var fixtures = filepath.Join("..", "..", "testdata", "workflows")

// openDB opens a fresh state database with the published DDL.
func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newDB(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	db := openDB(t, path)
	if _, err := db.Exec(schemas.StateSQL()); err != nil {
		t.Fatalf("applying state.sql: %v", err)
	}
	return db, path
}

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newEngine(db *sql.DB, c *clock) *Engine {
	e := New(db)
	e.Clock = clocktest.Func(c.now)
	e.PollInterval = 10 * time.Millisecond
	e.KillGrace = 2 * time.Second
	return e
}

func request(t testing.TB, fixture string, conf map[string]string) runner.Request {
	return runner.Request{ActionID: "0000001-" + fixture + "-C@1", AppPath: filepath.Join(fixtures, fixture),
		Conf: conf, User: "tester", Dir: t.TempDir()}
}

// runToEnd checks the job until it is terminal (real time bounded).
func runToEnd(t *testing.T, e *Engine, id string) runner.Result {
	t.Helper()
	res, err := checkToEnd(e, id)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkToEnd is runToEnd for goroutines other than the test's.
func checkToEnd(e *Engine, id string) (runner.Result, error) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := e.Check(context.Background(), id)
		if err != nil {
			return res, fmt.Errorf("Check(%s): %w", id, err)
		}
		if res.Status.Terminal() {
			return res, nil
		}
		if time.Now().After(deadline) {
			return res, fmt.Errorf("job %s still %s after 20s", id, res.Status)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// nodes returns name -> status of the job's node rows.
func nodes(t *testing.T, db *sql.DB, id string) map[string]string {
	t.Helper()
	rows, err := loadActions(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.name] = string(r.status)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var hclStart = hcl.Pos{Line: 1, Column: 1}

// cmpSort sorts string slices before comparing.
func cmpSort(less func(a, b string) bool) cmp.Option { return cmpopts.SortSlices(less) }

// render formats diagnostics as "line:col severity code summary".
func render(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%d:%d %s %s %s", d.Subject.Start.Line, d.Subject.Start.Column,
			diag.SeverityName(d.Severity), diag.CodeOf(d), d.Summary))
	}
	return out
}

// startAll is e.StartAll without a Then (it then never fails as a whole).
func startAll(ctx context.Context, t testing.TB, e *Engine, reqs []runner.Request) ([]string, []error) {
	t.Helper()
	ids, errs, err := e.StartAll(ctx, reqs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ids, errs
}
