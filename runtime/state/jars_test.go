package state

import (
	"context"
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/google/go-cmp/cmp"
)

// TestJarCachePersists: the Flink jar-id cache is per endpoint and
// survives reopening the database.
func TestJarCachePersists(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.JarCache("http://a:8081"), s.JarCache("http://b:8081")
	a.Put("sum1", "id-1_x.jar")
	a.Put("sum1", "id-2_x.jar") // a re-upload replaces the id
	a.Put("sum2", "id-3_y.jar")
	b.Put("sum1", "id-9_x.jar")
	a.Delete("sum2")
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, b = s.JarCache("http://a:8081"), s.JarCache("http://b:8081")
	if id, ok := a.Get("sum1"); !ok || id != "id-2_x.jar" {
		t.Errorf("Get(sum1) = %q, %v", id, ok)
	}
	if _, ok := a.Get("sum2"); ok {
		t.Error("a deleted hash is still cached")
	}
	ctx := context.Background()
	jars, err := b.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range jars {
		ids = append(ids, j.Endpoint+" "+j.SHA256+" "+j.JarID)
	}
	if diff := cmp.Diff([]string{"http://b:8081 sum1 id-9_x.jar"}, ids); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	if err := b.Forget(ctx, jars[0]); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Get("sum1"); ok {
		t.Error("a forgotten jar is still cached")
	}
}
