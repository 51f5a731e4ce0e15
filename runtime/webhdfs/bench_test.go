package webhdfs

import (
	"context"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// BenchmarkTick is one scheduler tick of 1,000 done-flag checks in 24
// directories against the loopback fake (24 LISTSTATUS requests).
func BenchmarkTick(b *testing.B) {
	e := newEnv(b, webhdfsfake.Options{}, nil)
	uris, _ := flagTree(b, e.fake)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tick := e.client.NewTick(context.Background())
		for _, u := range uris {
			if _, err := tick.Exists(u); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExists is one done-flag check by GETFILESTATUS over loopback.
func BenchmarkExists(b *testing.B) {
	e := newEnv(b, webhdfsfake.Options{}, nil)
	if err := e.fake.WriteFile("/d/_SUCCESS", nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ok, err := e.client.Exists("/d/_SUCCESS"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
