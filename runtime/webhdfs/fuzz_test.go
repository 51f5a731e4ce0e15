package webhdfs

import (
	"path"
	"strings"
	"testing"
)

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"hdfs://ns1/a/b", "/x/../y", "webhdfs://h:1/p", "swebhdfs://[::1]/p", "hdfs:///p",
		"hdfs://ns1/%zz", "hdfs://u@ns1/p?q#f", "s3a://b/k", "", "hdfs://NS1:8020//a//", "webhdfs://h:99999/p"} {
		f.Add(s)
	}
	r, err := NewResolver(map[string][]string{"ns1": {"http://a:1", "http://b:1"}}, "ns1")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		loc, err := r.Resolve(uri)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "webhdfs: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			return
		}
		if loc.Path != path.Clean(loc.Path) || !strings.HasPrefix(loc.Path, "/") {
			t.Errorf("Resolve(%q).Path = %q, not absolute and clean", uri, loc.Path)
		}
		if len(loc.Endpoints) == 0 || loc.Nameservice == "" {
			t.Errorf("Resolve(%q) = %+v without endpoints", uri, loc)
		}
	})
}

func FuzzParseError(f *testing.F) {
	f.Add(404, []byte(`{"RemoteException":{"exception":"FileNotFoundException","javaClassName":"java.io.FileNotFoundException","message":"m"}}`))
	f.Add(401, []byte("<html>Authentication required</html>"))
	f.Add(500, []byte{0xff, 0xfe, 'x'})
	f.Add(403, []byte(`{"RemoteException":null}`))
	f.Add(400, []byte(`{"RemoteException":{"exception":7}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := parseError("OP", "/p", status, body)
		msg := e.Error()
		if !strings.HasPrefix(msg, "webhdfs OP /p: ") || !strings.Contains(msg, "(HTTP ") {
			t.Errorf("Error() = %q", msg)
		}
		if e.Exception == "" && len(e.Message) > maxErrorSnippet+len("…") {
			t.Errorf("snippet of %d bytes", len(e.Message))
		}
		_ = IsNotFound(e) || IsStandby(e) || IsAccessControl(e) || isUnsupportedOp(e) || isRetriable(e)
	})
}
