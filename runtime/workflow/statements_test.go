package workflow

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"modernc.org/sqlite"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/schemas"
)

// statementLog records the SQL statements run through a countingConn.
type statementLog struct {
	mu    sync.Mutex
	stmts []string
}

func (l *statementLog) add(query string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stmts = append(l.stmts, strings.Join(strings.Fields(query), " "))
}

// take returns the statements recorded since the last take.
func (l *statementLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.stmts
	l.stmts = nil
	return out
}

// countingConnector opens SQLite connections that record every statement
// they run (database/sql runs each through ExecContext or QueryContext).
type countingConnector struct {
	driver.Connector
	log *statementLog
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{conn.(sqliteConn), c.log}, nil
}

// sqliteConn is what database/sql uses of a modernc.org/sqlite connection.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.SessionResetter
	driver.Validator
}

type countingConn struct {
	sqliteConn
	log *statementLog
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.log.add(query)
	return c.sqliteConn.ExecContext(ctx, query, args)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.log.add(query)
	return c.sqliteConn.QueryContext(ctx, query, args)
}

// newCountingDB is newDB on a database whose statements log records.
func newCountingDB(t *testing.T) (*sql.DB, *statementLog) {
	t.Helper()
	c, err := sqlite.NewConnector("file:" + filepath.Join(t.TempDir(), "state.db") +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	log := &statementLog{}
	db := sql.OpenDB(countingConnector{c, log})
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(schemas.StateSQL()); err != nil {
		t.Fatalf("applying state.sql: %v", err)
	}
	log.take()
	return db, log
}

// TestStatementsPerAction counts the SQL statements the engine runs for
// one workflow of one shell action, as a coordinator runs it: StartAll
// (which launches the action), Settle once its process ended, which
// reports the job ended (reading it again in its transaction), so that no
// Check follows (or, without Settle, the Check that records the outcome).
// Each is a statement on the path of every action of a long apply, so a
// statement more is a regression.
func TestStatementsPerAction(t *testing.T) {
	for _, tc := range []struct {
		name   string
		conf   map[string]string
		settle bool
		want   map[string]int // statements per step
	}{
		{"plain", map[string]string{"greeting": "hi"}, true,
			map[string]int{"StartAll": 4, "Settle": 6, "Check": 0}},
		// One event as the action starts, one as it ends.
		{"notification", map[string]string{"greeting": "hi", ConfActionNotificationURL: "http://h/$jobId/$nodeName/$status"}, true,
			map[string]int{"StartAll": 5, "Settle": 7, "Check": 0}},
		{"check", map[string]string{"greeting": "hi"}, false,
			map[string]int{"StartAll": 4, "Check": 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, log := newCountingDB(t)
			e := newEngine(db, &clock{t: epoch})
			ctx := context.Background()
			ids, errs := startAll(ctx, t, e, []runner.Request{request(t, "basic", tc.conf)})
			if errs[0] != nil {
				t.Fatal(errs[0])
			}
			steps := &stepLog{log: log}
			steps.record("StartAll")
			waitExited(t, db, ids[0])
			log.take()
			var ended map[string]runner.Result
			if tc.settle {
				var err error
				if ended, err = e.Settle(ctx, ids, nil); err != nil {
					t.Fatal(err)
				}
				steps.record("Settle")
			}
			res, ok := ended[ids[0]]
			var err error
			if !ok { // as the scheduler does: a job Settle reported is not checked
				res, err = e.Check(ctx, ids[0])
			}
			if err != nil || res.Status != runner.Succeeded {
				t.Fatalf("Check = %+v, %v; want SUCCEEDED", res, err)
			}
			steps.record("Check")
			steps.check(t, tc.want)
		})
	}
}

// TestStatementsPerCheck counts the statements of a Check that finds the
// job's action still running: the job and its nodes are read once.
func TestStatementsPerCheck(t *testing.T) {
	db, log := newCountingDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	req := request(t, "sleep", map[string]string{"seconds": "30", "log": filepath.Join(t.TempDir(), "log")})
	id, err := e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Kill(ctx, id)
	log.take()
	res, err := e.Check(ctx, id)
	if err != nil || res.Status != runner.Running {
		t.Fatalf("Check = %+v, %v; want RUNNING", res, err)
	}
	steps := &stepLog{log: log}
	steps.record("Check")
	steps.check(t, map[string]int{"Check": 2})
}

// stepLog collects the statements of the steps of a test.
type stepLog struct {
	log   *statementLog
	stmts map[string][]string
}

// record takes the statements since the last take as step's.
func (s *stepLog) record(step string) {
	if s.stmts == nil {
		s.stmts = map[string][]string{}
	}
	s.stmts[step] = s.log.take()
}

// check compares the number of statements of each step with want, and
// lists them when they differ.
func (s *stepLog) check(t *testing.T, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	for step, stmts := range s.stmts {
		got[step] = len(stmts)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("statements per step (-want +got):\n%s", d)
		for step, stmts := range s.stmts {
			t.Logf("%s:\n\t%s", step, strings.Join(stmts, "\n\t"))
		}
	}
}

// TestCheckEndsOpenNodes checks that the Check that finds a job ended
// (here by a kill node) while a node still runs kills it, and that a
// Check of an ended job without open nodes reads nothing but the job.
func TestCheckEndsOpenNodes(t *testing.T) {
	app := t.TempDir()
	def := `<workflow-app name="race" xmlns="uri:oozie:workflow:0.5">
  <start to="split"/>
  <fork name="split"><path start="nap"/><path start="boom"/></fork>
  <action name="nap"><shell xmlns="uri:oozie:shell-action:0.3"><exec>sleep</exec><argument>30</argument></shell>
    <ok to="meet"/><error to="fail"/></action>
  <action name="boom"><shell xmlns="uri:oozie:shell-action:0.3"><exec>false</exec></shell>
    <ok to="meet"/><error to="fail"/></action>
  <join name="meet" to="end"/>
  <kill name="fail"><message>boom</message></kill>
  <end name="end"/>
</workflow-app>`
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(def), 0o600); err != nil {
		t.Fatal(err)
	}
	db, log := newCountingDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	id, err := e.Start(ctx, runner.Request{ActionID: "0000001-race-C@1", AppPath: app, User: "tester", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if res := runToEnd(t, e, id); res.Status != runner.Killed {
		t.Fatalf("result = %+v, want KILLED", res)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the job took %s to end: nap was not killed", d)
	}
	want := map[string]string{StartNode: "OK", "split": "OK", "nap": "KILLED", "boom": "ERROR", "fail": "OK"}
	if d := cmp.Diff(want, nodes(t, db, id)); d != "" {
		t.Errorf("nodes (-want +got):\n%s", d)
	}
	log.take()
	if res, err := e.Check(ctx, id); err != nil || res.Status != runner.Killed {
		t.Fatalf("Check = %+v, %v; want KILLED", res, err)
	}
	steps := &stepLog{log: log}
	steps.record("Check")
	steps.check(t, map[string]int{"Check": 1})
}

// TestSQLStrings checks the SQL string literals of sqlStrings.
func TestSQLStrings(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"PREP"}, "'PREP'"},
		{[]string{"PREP", "USER_RETRY"}, "'PREP', 'USER_RETRY'"},
		{[]string{"it's"}, "'it''s'"},
	} {
		if got := sqlStrings(tc.in); got != tc.want {
			t.Errorf("sqlStrings(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStatementsPerBatch counts the statements of a StartAll, a Settle
// and the Checks of three workflows: StartAll looks the jobs up with one
// statement; Settle reads the jobs and their nodes with one statement
// each, and the jobs it ended again with one statement in its transaction;
// it reports them all ended, so that the Checks (as the scheduler makes
// them: of the workflows Settle did not report) have nothing to read.
func TestStatementsPerBatch(t *testing.T) {
	db, log := newCountingDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	var reqs []runner.Request
	for i := range 3 {
		req := request(t, "basic", map[string]string{"greeting": "hi"})
		req.ActionID += string(rune('a' + i))
		reqs = append(reqs, req)
	}
	ids, errs := startAll(ctx, t, e, reqs)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	steps := &stepLog{log: log}
	steps.record("StartAll")
	for _, id := range ids {
		waitExited(t, db, id)
	}
	log.take()
	ended, err := e.Settle(ctx, append(ids, "no-such-job"), nil)
	if err != nil {
		t.Fatal(err)
	}
	steps.record("Settle")
	for _, id := range ids {
		res, ok := ended[id]
		var err error
		if !ok {
			res, err = e.Check(ctx, id)
		}
		if err != nil || res.Status != runner.Succeeded {
			t.Fatalf("Check(%s) = %+v, %v; want SUCCEEDED", id, res, err)
		}
	}
	steps.record("Checks")
	steps.check(t, map[string]int{"StartAll": 1 + 3*3, "Settle": 2 + 3*3 + 1, "Checks": 0})
}
