package state

import (
	"context"
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/google/go-cmp/cmp"
)

// TestStatementCacheNested: on one SQLite connection, the same statement
// text run again while a row set of it is still open (a nested query)
// gets a statement of its own, and both row sets read every row; the
// cached statement then serves the next call.
func TestStatementCacheNested(t *testing.T) {
	statetest.SQLiteOnly(t)
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "nested", 3)
	const q = `SELECT action_number FROM coord_actions WHERE job_id = ? ORDER BY action_number`
	tx, err := s.DB().BeginTx(ctx, nil) // the write pool's one connection
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var pairs [][2]int
	for range 2 { // the second round runs on the statement cached by the first
		pairs = pairs[:0]
		outer, err := tx.QueryContext(ctx, q, job)
		if err != nil {
			t.Fatal(err)
		}
		for outer.Next() {
			var a int
			if err := outer.Scan(&a); err != nil {
				t.Fatal(err)
			}
			inner, err := tx.QueryContext(ctx, q, job)
			if err != nil {
				t.Fatal(err)
			}
			for inner.Next() {
				var b int
				if err := inner.Scan(&b); err != nil {
					t.Fatal(err)
				}
				pairs = append(pairs, [2]int{a, b})
			}
			if err := inner.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if err := outer.Err(); err != nil {
			t.Fatal(err)
		}
		outer.Close()
		var want [][2]int
		for a := 1; a <= 3; a++ {
			for b := 1; b <= 3; b++ {
				want = append(want, [2]int{a, b})
			}
		}
		if diff := cmp.Diff(want, pairs); diff != "" {
			t.Fatalf("nested reads (-want +got):\n%s", diff)
		}
	}
}
