package webhdfs

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolve(t *testing.T) {
	r, err := NewResolver(map[string][]string{
		"ns1":                  {"http://nn1.example.com:9870/", "http://nn2.example.com:9870"},
		"NN3.example.com:8020": {"https://nn3.example.com:9871"},
		"edge":                 {"https://knox.example.com:8443/gateway/default"},
	}, "ns1")
	must(t, err)
	ns1 := []string{"http://nn1.example.com:9870", "http://nn2.example.com:9870"}
	cases := []struct {
		uri     string
		want    Location
		wantErr string
	}{
		{uri: "hdfs://ns1/data/2024/_SUCCESS", want: Location{"ns1", ns1, "/data/2024/_SUCCESS"}},
		{uri: "HDFS://NS1/a/../b//c/", want: Location{"ns1", ns1, "/b/c"}},
		{uri: "hdfs://ns1", want: Location{"ns1", ns1, "/"}},
		{uri: "hdfs:///user/x", want: Location{"ns1", ns1, "/user/x"}},
		{uri: "/user/x/./y", want: Location{"ns1", ns1, "/user/x/y"}},
		{uri: "webhdfs:///p", want: Location{"ns1", ns1, "/p"}},
		{uri: "hdfs://nn3.example.com:8020/p", want: Location{"nn3.example.com:8020", []string{"https://nn3.example.com:9871"}, "/p"}},
		{uri: "hdfs://ns1:8020/p", want: Location{"ns1", ns1, "/p"}},
		{uri: "webhdfs://ns1/p", want: Location{"ns1", ns1, "/p"}},
		{uri: "hdfs://edge/p%20q", want: Location{"edge", []string{"https://knox.example.com:8443/gateway/default"}, "/p q"}},
		{uri: "webhdfs://NN2.example.com/p", want: Location{"ns1", ns1, "/p"}},
		{uri: "swebhdfs://nn3.example.com/p", want: Location{"nn3.example.com:8020", []string{"https://nn3.example.com:9871"}, "/p"}},
		{uri: "swebhdfs://knox.example.com:8443/p", want: Location{"edge", []string{"https://knox.example.com:8443/gateway/default"}, "/p"}},
		// F3: an unconfigured authority never receives a request (and its credentials).
		{uri: "webhdfs://dn7.example.com:50070/p", wantErr: `no WebHDFS endpoint is configured for "webhdfs://dn7.example.com:50070/p"`},
		{uri: "webhdfs://Other/p", wantErr: `no WebHDFS endpoint is configured for "webhdfs://Other/p"`},
		{uri: "swebhdfs://[::1]:1234/p", wantErr: "coordc sends credentials only to configured endpoints"},
		{uri: "webhdfs://nn1.example.com:9871/p", wantErr: "no WebHDFS endpoint is configured"},
		{uri: "swebhdfs://nn1.example.com:9870/p", wantErr: "no WebHDFS endpoint is configured"},
		{uri: "hdfs://other:8020/p", wantErr: `no WebHDFS endpoint is configured for "hdfs://other:8020/p"; add the NameNode HTTP address(es) of "other:8020"`},
		{uri: "s3a://bucket/p", wantErr: `"s3a://bucket/p" is not an hdfs://, webhdfs:// or swebhdfs:// URI or an absolute path`},
		{uri: "relative/path", wantErr: "is not an hdfs://"},
		{uri: "", wantErr: "is not an hdfs://"},
		{uri: "hdfs://ns1/p?x=1", wantErr: "without user, query or fragment"},
		{uri: "hdfs://u@ns1/p", wantErr: "without user, query or fragment"},
		{uri: "hdfs:opaque", wantErr: "without user, query or fragment"},
		{uri: "hdfs://ns1/%zz", wantErr: `cannot read "hdfs://ns1/%zz" as a URI`},
	}
	for _, tc := range cases {
		t.Run(tc.uri, func(t *testing.T) {
			got, err := r.Resolve(tc.uri)
			if tc.wantErr != "" {
				wantErr(t, err, tc.wantErr)
				return
			}
			must(t, err)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Resolve (-want +got):\n%s", diff)
			}
		})
	}

	noDefault, err := NewResolver(map[string][]string{"ns1": {"http://a:1"}}, "")
	must(t, err)
	_, err = noDefault.Resolve("/p")
	wantErr(t, err, `"/p" names no nameservice and no default nameservice is configured`)
}

func TestNewResolverErrors(t *testing.T) {
	cases := []struct {
		name string
		ns   map[string][]string
		def  string
		want string
	}{
		{"empty key", map[string][]string{"": {"http://a:1"}}, "", `nameservice key "" must be a name or host:port`},
		{"key with path", map[string][]string{"a/b": {"http://a:1"}}, "", `nameservice key "a/b" must be a name or host:port`},
		{"no endpoints", map[string][]string{"ns1": nil}, "", `nameservice "ns1" has no NameNode endpoints`},
		{"bad scheme", map[string][]string{"ns1": {"hdfs://a:8020"}}, "", `endpoint "hdfs://a:8020" must be an http:// or https:// URL with a host`},
		{"no host", map[string][]string{"ns1": {"http:///x"}}, "", "must be an http:// or https:// URL with a host"},
		{"query", map[string][]string{"ns1": {"http://a:1/?user.name=x"}}, "", "must not carry credentials, a query or a fragment"},
		{"unparsable", map[string][]string{"ns1": {"http://a:1/%zz"}}, "", `endpoint "http://a:1/%zz" is not a URL`},
		{"duplicate", map[string][]string{"ns1": {"http://a:1"}, "NS1": {"http://b:1"}}, "", "is configured twice"},
		{"unknown default", map[string][]string{"ns1": {"http://a:1"}}, "ns2", `default nameservice "ns2" is not configured`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewResolver(tc.ns, tc.def)
			wantErr(t, err, tc.want)
		})
	}
}

func TestNewConfigErrors(t *testing.T) {
	for _, cfg := range []Config{
		{Timeout: -1},
		{Retry: Retry{Attempts: -1}},
		{Retry: Retry{BaseDelay: -1}},
		{Retry: Retry{MaxDelay: -1}},
	} {
		_, err := New(cfg)
		wantErr(t, err, "webhdfs: Timeout and Retry values must not be negative")
	}
	c, err := New(Config{Nameservices: map[string][]string{"ns1": {"http://nn1:9870"}}})
	must(t, err)
	if loc, err := c.Resolver().Resolve("hdfs://ns1/p"); err != nil || loc.Endpoints[0] != "http://nn1:9870" {
		t.Errorf("Resolver().Resolve = %+v, %v", loc, err)
	}
	_, err = New(Config{Nameservices: map[string][]string{"ns1": {"ftp://x"}}})
	wantErr(t, err, `webhdfs: nameservice "ns1": endpoint "ftp://x" must be an http:// or https:// URL`)
}
