package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
)

// marker is a scheduler's Then as tests see it: it writes a row per
// workflow it is told about into a table of the engine's database, in the
// transaction it gets, and fails with fail.
type marker struct {
	db    *sql.DB
	fail  error
	calls int
	ids   []string // of the last call
}

func newMarker(t *testing.T, db *sql.DB) *marker {
	t.Helper()
	if _, err := db.Exec(`CREATE TABLE marks (id TEXT)`); err != nil {
		t.Fatal(err)
	}
	return &marker{db: db}
}

func (m *marker) mark(ctx context.Context, tx runner.Tx, ids []string) error {
	m.calls++
	m.ids = ids
	for _, id := range ids {
		if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO marks (id) VALUES (?)`, id); err != nil {
			return err
		}
	}
	return m.fail
}

// marks counts the rows committed.
func (m *marker) marks(t *testing.T) int {
	t.Helper()
	var n int
	if err := m.db.QueryRow(`SELECT count(*) FROM marks`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStartAllThen checks that StartAll runs its Then once, with the
// results it returns, in the transaction that creates the jobs: a Then
// that fails takes the jobs with it (no row, no command run) and is
// StartAll's error; one that succeeds is committed with them; and with no
// job to create (all exist) it runs in a transaction of its own.
func TestStartAllThen(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	m := newMarker(t, db)
	reqs := markRequests(t, 3)
	then := func(ctx context.Context, tx runner.Tx, ids []string, errs []error) error {
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("unexpected request errors: %w", err)
		}
		return m.mark(ctx, tx, ids)
	}

	m.fail = errors.New("then failed")
	if ids, errs, err := e.StartAll(ctx, reqs, then); !errors.Is(err, m.fail) || ids != nil || errs != nil {
		t.Fatalf("StartAll with a failing Then = %v, %v, %v; want its error alone", ids, errs, err)
	}
	if n := m.marks(t); n != 0 || m.calls != 1 {
		t.Errorf("after a failing Then: %d marks, %d calls; want 0, 1", n, m.calls)
	}
	for _, r := range reqs {
		if _, err := loadJob(ctx, db, JobID(r.ActionID, 0)); err == nil {
			t.Errorf("job of %s created despite the failing Then", r.ActionID)
		}
		// The launch the batch prepared is recorded unstarted, never run.
		if names := waitUnstarted(t, r, 1); len(names) != 1 || marks(t, r) != 0 {
			t.Errorf("%s after a failing Then: unstarted records %q, the command ran %d times; want one and none", r.ActionID, names, marks(t, r))
		}
	}

	m.fail, m.calls = nil, 0
	ids, errs, err := e.StartAll(ctx, reqs, then)
	if err != nil || errors.Join(errs...) != nil {
		t.Fatal(err, errs)
	}
	if d := cmp.Diff(ids, m.ids); d != "" || m.calls != 1 || m.marks(t) != 3 {
		t.Errorf("Then got other IDs than StartAll returned (-returned +then):\n%s; %d calls, %d marks", d, m.calls, m.marks(t))
	}
	for i, id := range ids {
		if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
			t.Errorf("request %d: %+v", i+1, res)
		}
		if n := marks(t, reqs[i]); n != 1 {
			t.Errorf("request %d: the command ran %d times, want once", i+1, n)
		}
	}

	m.calls = 0
	again, _, err := e.StartAll(ctx, reqs, then)
	if err != nil || m.calls != 1 || m.marks(t) != 6 {
		t.Errorf("StartAll of existing jobs: %v, %d calls, %d marks; want its Then run and committed", err, m.calls, m.marks(t))
	}
	if d := cmp.Diff(ids, again); d != "" {
		t.Errorf("IDs of existing jobs (-first +again):\n%s", d)
	}
}

// TestSettleThen checks that Settle runs its Then with the results it
// reports, in the transaction that records the outcomes: a Then that
// fails leaves them unrecorded (the jobs still RUNNING) and is Settle's
// error; one that succeeds is committed with them.
func TestSettleThen(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	m := newMarker(t, db)
	var ids []string
	for i, f := range []string{"basic", "failing"} {
		req := request(t, f, map[string]string{"greeting": "hi"})
		req.ActionID += string(rune('a' + i))
		id, err := e.Start(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		waitExited(t, db, id)
		ids = append(ids, id)
	}
	var got map[string]runner.Result
	then := func(ctx context.Context, tx runner.Tx, ended map[string]runner.Result) error {
		got = ended
		var ids []string
		for id := range ended {
			ids = append(ids, id)
		}
		return m.mark(ctx, tx, ids)
	}

	m.fail = errors.New("then failed")
	if ended, err := e.Settle(ctx, ids, then); !errors.Is(err, m.fail) || ended != nil {
		t.Fatalf("Settle with a failing Then = %v, %v; want its error alone", ended, err)
	}
	for _, id := range ids {
		if job, err := loadJob(ctx, db, id); err != nil || job.status != runner.Running {
			t.Errorf("job %s after a failing Then: %v %v, want RUNNING", id, job, err)
		}
	}
	if n := m.marks(t); n != 0 {
		t.Errorf("%d marks committed by a failing Then", n)
	}

	m.fail = nil
	ended, err := e.Settle(ctx, ids, then)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]runner.Status{}
	for id, res := range ended {
		statuses[id] = res.Status
	}
	if d := cmp.Diff(map[string]runner.Status{ids[0]: runner.Succeeded, ids[1]: runner.Killed}, statuses); d != "" {
		t.Errorf("Settle's report (-want +got):\n%s", d)
	}
	if d := cmp.Diff(ended, got); d != "" {
		t.Errorf("Then's results (-reported +then):\n%s", d)
	}
	if n := m.marks(t); n != 2 {
		t.Errorf("%d marks, want the Then's 2 committed", n)
	}
}
