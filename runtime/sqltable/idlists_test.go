package sqltable

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestIDLists: lists of any length travel in runs of up to max IDs, each
// padded to a power of two with its last ID; fn's error stops the runs.
func TestIDLists(t *testing.T) {
	ids := func(from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprint(i))
		}
		return out
	}
	pad := func(list []string, size int) []string {
		for len(list) < size {
			list = append(list, list[len(list)-1])
		}
		return list
	}
	cases := []struct {
		n, max int
		want   [][]string
	}{
		{0, 128, nil},
		{1, 128, [][]string{{"0"}}},
		{2, 128, [][]string{{"0", "1"}}},
		{3, 128, [][]string{{"0", "1", "2", "2"}}},
		{100, 128, [][]string{pad(ids(0, 100), 128)}},
		{128, 128, [][]string{ids(0, 128)}},
		{129, 128, [][]string{ids(0, 128), {"128"}}},
		{300, 128, [][]string{ids(0, 128), ids(128, 256), pad(ids(256, 300), 64)}},
		{259, 256, [][]string{ids(0, 256), pad(ids(256, 259), 4)}},
	}
	for _, c := range cases {
		var got [][]string
		err := IDLists("id", ids(0, c.n), c.max, func(where string, args []any) error {
			if want := "id IN (?" + strings.Repeat(", ?", len(args)-1) + ")"; where != want {
				t.Errorf("%d IDs: %q, want %q", c.n, where, want)
			}
			var list []string
			for _, a := range args {
				list = append(list, a.(string))
			}
			got = append(got, list)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%d IDs in runs of %d (-want +got):\n%s", c.n, c.max, diff)
		}
	}
	boom := errors.New("boom")
	calls := 0
	err := IDLists("id", ids(0, 10), 4, func(string, []any) error { calls++; return boom })
	if !errors.Is(err, boom) || calls != 1 {
		t.Errorf("fn's error: %v after %d calls, want boom after 1", err, calls)
	}
}

// TestScanIDs: every row's first column lands in the set, which keeps
// what it held, and the rows are closed.
func TestScanIDs(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT 'b' UNION ALL SELECT 'c' UNION ALL SELECT 'b'`)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{"a": true}
	if err := ScanIDs(rows, set); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]bool{"a": true, "b": true, "c": true}, set); diff != "" {
		t.Errorf("set (-want +got):\n%s", diff)
	}
	if rows.Next() {
		t.Error("rows left open")
	}
}
