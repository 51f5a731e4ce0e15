package webhdfs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCredentialsOnlyToConfiguredEndpoints is finding F3 of issue 11: a URI
// naming an unconfigured host must be refused before any request, so that
// the delegation token (or user.name) never reaches it.
func TestCredentialsOnlyToConfiguredEndpoints(t *testing.T) {
	var hits atomic.Int32
	var leaked atomic.Value
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		leaked.Store(r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"FileStatus":{"type":"FILE","length":0,"pathSuffix":""}}`))
	}))
	defer attacker.Close()
	host := strings.TrimPrefix(attacker.URL, "http://")

	c, err := New(Config{
		Nameservices:    map[string][]string{"ns1": {"http://nn1.invalid:9870"}},
		DelegationToken: "SECRET", User: "etl",
		Retry: Retry{Attempts: 1},
	})
	must(t, err)
	ctx := context.Background()
	for _, uri := range []string{"webhdfs://" + host + "/p", "swebhdfs://" + host + "/p", "hdfs://" + host + "/p"} {
		_, err := c.Stat(ctx, uri)
		wantErr(t, err, "coordc sends credentials only to configured endpoints")
		_, err = c.Exists(uri)
		wantErr(t, err, "no WebHDFS endpoint is configured")
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the unconfigured host got %d requests (query %v)", n, leaked.Load())
	}
}
