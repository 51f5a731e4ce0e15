package workflow

import (
	"context"
	"fmt"
	"testing"
)

// TestDefinitionCacheBounded is the bounded-cache bullet of issue 11: the
// engine kept every parsed workflow forever. Past defCacheSize jobs, the
// least recently used definitions are dropped, and a dropped one is
// parsed again when its job is checked.
func TestDefinitionCacheBounded(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	var first string
	for i := range defCacheSize + 20 {
		req := request(t, "basic", nil)
		req.ActionID = fmt.Sprintf("0000001-basic-C@%d", i+1)
		id, err := e.Start(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = id
		}
		if _, err := e.Check(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.defs.len(); n != defCacheSize {
		t.Errorf("the cache holds %d definitions, want %d", n, defCacheSize)
	}
	if res := runToEnd(t, e, first); !res.Status.Terminal() {
		t.Errorf("the first job after eviction: %+v", res)
	}
}
