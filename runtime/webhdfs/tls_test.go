package webhdfs

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

func TestSwebhdfsOverTLS(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{TLS: true}, func(c *Config) { c.User = "hdfs" })
	nn, err := url.Parse(e.fake.NameNodeURLs()[0])
	must(t, err)
	if nn.Scheme != "https" {
		t.Fatalf("the fake serves %s", nn.Scheme)
	}
	uri := "swebhdfs://" + nn.Host + "/secure/f.txt"
	ctx := context.Background()
	must(t, e.client.Create(ctx, uri, strings.NewReader("over tls"), nil))
	got, err := e.client.ReadFile(ctx, uri)
	must(t, err)
	if string(got) != "over tls" {
		t.Errorf("ReadFile = %q", got)
	}

	untrusted, err := New(Config{Nameservices: map[string][]string{"tls": {"https://" + nn.Host}}, Retry: Retry{Attempts: 1}})
	must(t, err)
	_, err = untrusted.Stat(ctx, uri)
	wantErr(t, err, "certificate")
}
