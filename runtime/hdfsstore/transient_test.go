package hdfsstore

import (
	"context"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// TestTouchzAfterConnectionReset is the transient-fault bullet of issue
// 11: a touchz that hit a connection reset failed an action whose work had
// finished. Touchz is safe to repeat, so it looks again and retries.
func TestTouchzAfterConnectionReset(t *testing.T) {
	for _, node := range []string{"nn0", "dn"} {
		fake, s := newHDFS(t, 1)
		ctx := context.Background()
		if _, err := s.HDFS().Mkdirs(ctx, "hdfs://ns1/out", ""); err != nil {
			t.Fatal(err)
		}
		fake.AddFault(webhdfsfake.Fault{Node: node, Op: "create", Reset: true})
		if err := s.Touchz(ctx, "hdfs://ns1/out/_SUCCESS"); err != nil {
			t.Fatalf("reset at %s: Touchz = %v", node, err)
		}
		st, err := s.HDFS().Stat(ctx, "hdfs://ns1/out/_SUCCESS")
		if err != nil || st.Length != 0 || st.IsDir() {
			t.Errorf("reset at %s: _SUCCESS is %+v, %v", node, st, err)
		}
	}
}
