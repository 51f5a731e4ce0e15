package webhdfsfake

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRedirects(t *testing.T) {
	s := newTestServer(t, Options{Nameservice: "ns9"})
	r := raw(t, s, "GET", nn(s, "/data/a.txt", "open", "user.name=alice&offset=1&length=3&buffersize=4096"), "")
	if r.status != 307 {
		t.Fatalf("OPEN status = %d, want 307; body %s", r.status, r.body)
	}
	want := s.DataNodeURL() + "/webhdfs/v1/data/a.txt?op=OPEN&user.name=alice&namenoderpcaddress=ns9&buffersize=4096&length=3&offset=1"
	if diff := cmp.Diff(want, r.header.Get("Location")); diff != "" {
		t.Errorf("Location (-want +got):\n%s", diff)
	}
	if r.header.Get("Content-Length") != "0" {
		t.Errorf("Content-Length = %q, want 0", r.header.Get("Content-Length"))
	}
	data := raw(t, s, "GET", r.header.Get("Location"), "")
	if data.status != 200 || string(data.body) != "ell" || data.header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("DataNode OPEN = %d %q %q, want 200 \"ell\" application/octet-stream", data.status, data.body, data.header.Get("Content-Type"))
	}

	nr := raw(t, s, "PUT", nn(s, "/user/alice/f", "CREATE", "user.name=alice&noredirect=true"), "")
	loc, _ := nr.json(t)["Location"].(string)
	if nr.status != 200 || !strings.HasPrefix(loc, s.DataNodeURL()+"/webhdfs/v1/user/alice/f?op=CREATE&user.name=alice&namenoderpcaddress=ns9") {
		t.Fatalf("CREATE noredirect = %d %s", nr.status, nr.body)
	}
	created := raw(t, s, "PUT", loc, "content")
	if created.status != 201 || created.header.Get("Location") != "hdfs://ns9/user/alice/f" || len(created.body) != 0 {
		t.Errorf("DataNode CREATE = %d Location %q body %q, want 201 hdfs://ns9/user/alice/f and no body",
			created.status, created.header.Get("Location"), created.body)
	}
	if got, _ := s.ReadFile("/user/alice/f"); string(got) != "content" {
		t.Errorf("file content = %q, want \"content\"", got)
	}
	again := raw(t, s, "PUT", loc, "x")
	if again.status != 403 || !strings.Contains(string(again.body), "FileAlreadyExistsException") {
		t.Errorf("second CREATE without overwrite = %d %s, want 403 FileAlreadyExistsException", again.status, again.body)
	}
	if ct := again.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("DataNode error Content-Type = %q", ct)
	}
	noNN := raw(t, s, "GET", s.DataNodeURL()+"/webhdfs/v1/data/a.txt?op=OPEN", "")
	if noNN.status != 400 || !strings.Contains(string(noNN.body), "namenoderpcaddress") {
		t.Errorf("DataNode request without namenoderpcaddress = %d %s, want 400", noNN.status, noNN.body)
	}
}

func TestErrorAnswers(t *testing.T) {
	s := newTestServer(t, Options{NameNodes: 2, Tokens: map[string]string{"tok1": "alice"}})
	cases := []struct {
		name, method, url string
		status            int
		exception, msg    string
	}{
		{"missing file", "GET", nn(s, "/nope", "GETFILESTATUS", ""), 404, "FileNotFoundException", "File does not exist: /nope"},
		{"missing dir listing", "GET", nn(s, "/nope", "LISTSTATUS", ""), 404, "FileNotFoundException", "File /nope does not exist."},
		{"open a directory", "GET", nn(s, "/data", "OPEN", ""), 404, "FileNotFoundException", "Path is not a file: /data"},
		{"unknown op", "GET", nn(s, "/", "FROB", ""), 400, "IllegalArgumentException",
			`Invalid value for webhdfs parameter "op": No enum constant org.apache.hadoop.hdfs.web.resources.GetOpParam.Op.FROB`},
		{"op of another method", "PUT", nn(s, "/", "OPEN", ""), 400, "IllegalArgumentException",
			`Invalid value for webhdfs parameter "op": No enum constant org.apache.hadoop.hdfs.web.resources.PutOpParam.Op.OPEN`},
		{"no op", "GET", s.NameNodeURLs()[0] + "/webhdfs/v1/", 400, "UnsupportedOperationException", "op=NULL is not supported"},
		{"op the fake lacks", "GET", nn(s, "/", "GETCONTENTSUMMARY", ""), 400, "UnsupportedOperationException", "op=GETCONTENTSUMMARY is not supported"},
		{"bad user", "GET", nn(s, "/", "GETFILESTATUS", "user.name=1x"), 400, "IllegalArgumentException",
			`Invalid value for webhdfs parameter "user.name": Invalid value: "1x" does not belong to the domain ^[A-Za-z_][A-Za-z0-9._-]*[$]?$`},
		{"bad token", "GET", nn(s, "/", "GETFILESTATUS", "delegation=zzz"), 403, "SecurityException",
			"Failed to obtain user group information: org.apache.hadoop.security.token.SecretManager$InvalidToken: token is expired or does not exist"},
		{"permission", "PUT", nn(s, "/data/x", "MKDIRS", "user.name=bob"), 403, "AccessControlException",
			`Permission denied: user=bob, access=WRITE, inode="/data":hdfs:supergroup:drwxr-xr-x`},
		{"token user", "PUT", nn(s, "/data/x", "MKDIRS", "delegation=tok1&user.name=hdfs"), 403, "AccessControlException",
			`Permission denied: user=alice, access=WRITE, inode="/data":hdfs:supergroup:drwxr-xr-x`},
		{"bad permission", "PUT", nn(s, "/user/alice/x", "MKDIRS", "user.name=alice&permission=8"), 400, "IllegalArgumentException",
			`Invalid value for webhdfs parameter "permission": Invalid value: "8" does not belong to the domain [0-1]?[0-7][0-7][0-7]`},
		{"relative destination", "PUT", nn(s, "/data/a.txt", "RENAME", "destination=b"), 400, "IllegalArgumentException",
			`Invalid value for webhdfs parameter "destination": Invalid parameter value: destination = "b" is not an absolute path.`},
		{"non-empty delete", "DELETE", nn(s, "/data", "DELETE", "user.name=hdfs"), 403, "PathIsNotEmptyDirectoryException",
			"`/data is non empty': Directory is not empty"},
		{"file in the way", "PUT", nn(s, "/data/a.txt/x", "MKDIRS", "user.name=hdfs"), 403, "ParentNotDirectoryException",
			"Parent path is not a directory: /data/a.txt"},
		{"standby", "PUT", s.NameNodeURLs()[1] + "/webhdfs/v1/x?op=MKDIRS", 403, "StandbyException",
			"Operation category WRITE is not supported in state standby. Visit https://s.apache.org/sbnn-error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := raw(t, s, tc.method, tc.url, "")
			re, _ := r.json(t)["RemoteException"].(map[string]any)
			got := []any{r.status, re["exception"], re["message"]}
			if diff := cmp.Diff([]any{tc.status, tc.exception, tc.msg}, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
			if cls, _ := re["javaClassName"].(string); !strings.HasSuffix(cls, "."+tc.exception) {
				t.Errorf("javaClassName = %q, want a class named %s", cls, tc.exception)
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	s := newTestServer(t, Options{RequireUser: true})
	r := raw(t, s, "GET", nn(s, "/", "GETFILESTATUS", ""), "")
	if r.status != 401 || r.header.Get("WWW-Authenticate") != "PseudoAuth" {
		t.Errorf("anonymous = %d %v, want 401 with a PseudoAuth challenge", r.status, r.header)
	}
	sec := newTestServer(t, Options{Secure: true, Tokens: map[string]string{"t": "alice"}})
	if r := raw(t, sec, "GET", nn(sec, "/", "GETFILESTATUS", "user.name=alice"), ""); r.status != 401 || r.header.Get("WWW-Authenticate") != "Negotiate" {
		t.Errorf("secure without token = %d %v, want 401 Negotiate", r.status, r.header)
	}
	r = raw(t, sec, "GET", nn(sec, "/user/alice", "GETHOMEDIRECTORY", "delegation=t"), "")
	if diff := cmp.Diff(map[string]any{"Path": "/user/alice"}, r.json(t)); r.status != 200 || diff != "" {
		t.Errorf("with token = %d (-want +got):\n%s", r.status, diff)
	}
	r = raw(t, sec, "GET", nn(sec, "/data/a.txt", "OPEN", "delegation=t"), "")
	if loc, _ := url.Parse(r.header.Get("Location")); r.status != 307 || loc.Query().Get("delegation") != "t" || loc.Query().Has("user.name") {
		t.Errorf("secure redirect = %d %q, want the token passed to the DataNode", r.status, r.header.Get("Location"))
	}
}

func TestListStatusBatch(t *testing.T) {
	s := newTestServer(t, Options{ListLimit: 2})
	for _, n := range []string{"b", "a", "d", "c", "e"} {
		must(t, s.WriteFile("/batch/"+n, nil))
	}
	var pages [][]string
	var remaining []float64
	after := ""
	for i := 0; i < 10; i++ {
		extra := ""
		if after != "" {
			extra = "startAfter=" + after
		}
		dl := raw(t, s, "GET", nn(s, "/batch", "LISTSTATUS_BATCH", extra), "").json(t)["DirectoryListing"].(map[string]any)
		var names []string
		for _, e := range dl["partialListing"].(map[string]any)["FileStatuses"].(map[string]any)["FileStatus"].([]any) {
			names = append(names, e.(map[string]any)["pathSuffix"].(string))
		}
		pages = append(pages, names)
		remaining = append(remaining, dl["remainingEntries"].(float64))
		if dl["remainingEntries"].(float64) == 0 {
			break
		}
		after = names[len(names)-1]
	}
	if diff := cmp.Diff([][]string{{"a", "b"}, {"c", "d"}, {"e"}}, pages); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{3, 1, 0}, remaining); diff != "" {
		t.Errorf("remainingEntries (-want +got):\n%s", diff)
	}
	old := newTestServer(t, Options{NoListBatch: true})
	if r := raw(t, old, "GET", nn(old, "/data", "LISTSTATUS_BATCH", ""), ""); r.status != 400 {
		t.Errorf("NoListBatch answer = %d %s, want 400", r.status, r.body)
	}
}

func TestRenameDelete(t *testing.T) {
	cases := []struct {
		name, src, dst string
		want           bool
		exists         []string
	}{
		{"file to new name", "/data/a.txt", "/data/b.txt", true, []string{"/data/b.txt"}},
		{"into a directory", "/data/a.txt", "/data/sub", true, []string{"/data/sub/a.txt"}},
		{"missing source", "/data/zz", "/data/b", false, []string{"/data/a.txt"}},
		{"missing destination parent", "/data/a.txt", "/nope/b", false, []string{"/data/a.txt"}},
		{"onto itself", "/data/a.txt", "/data/a.txt", true, []string{"/data/a.txt"}},
		{"under itself", "/data", "/data/sub/x", false, []string{"/data/sub"}},
		{"onto an existing file", "/data/sub", "/data/a.txt", false, []string{"/data/sub", "/data/a.txt"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			r := raw(t, s, "PUT", nn(s, tc.src, "RENAME", "user.name=hdfs&destination="+url.QueryEscape(tc.dst)), "")
			if diff := cmp.Diff(map[string]any{"boolean": tc.want}, r.json(t)); diff != "" {
				t.Errorf("RENAME (-want +got):\n%s", diff)
			}
			for _, p := range tc.exists {
				if st := raw(t, s, "GET", nn(s, p, "GETFILESTATUS", ""), ""); st.status != 200 {
					t.Errorf("%s does not exist after the rename", p)
				}
			}
		})
	}
	s := newTestServer(t, Options{})
	for _, tc := range []struct {
		path, extra string
		want        bool
	}{{"/data/zz", "", false}, {"/", "recursive=true", false}, {"/data", "recursive=true", true}} {
		r := raw(t, s, "DELETE", nn(s, tc.path, "DELETE", "user.name=hdfs&"+tc.extra), "")
		if diff := cmp.Diff(map[string]any{"boolean": tc.want}, r.json(t)); diff != "" {
			t.Errorf("DELETE %s (-want +got):\n%s", tc.path, diff)
		}
	}
}

func TestFaultsAndLog(t *testing.T) {
	s := newTestServer(t, Options{NameNodes: 2})
	s.AddFault(Fault{Node: "nn1", Status: 500, Exception: "RuntimeException", Message: "not this node"})
	s.FailNext(1, 503, "", "proxy down")
	s.AddFault(Fault{Op: "liststatus", Status: 403, Exception: "RetriableException", Message: "later"})
	r := raw(t, s, "GET", nn(s, "/", "GETFILESTATUS", ""), "")
	if r.status != 503 || string(r.body) != "proxy down" {
		t.Errorf("FailNext = %d %q", r.status, r.body)
	}
	r = raw(t, s, "GET", nn(s, "/", "LISTSTATUS", ""), "")
	if re := r.json(t)["RemoteException"].(map[string]any); r.status != 403 || re["javaClassName"] != "org.apache.hadoop.ipc.RetriableException" {
		t.Errorf("op fault = %d %s", r.status, r.body)
	}
	if r := raw(t, s, "GET", nn(s, "/", "GETFILESTATUS", ""), ""); r.status != 200 {
		t.Errorf("after the faults = %d %s", r.status, r.body)
	}
	s.AddFault(Fault{Latency: 30 * time.Millisecond})
	start := time.Now()
	if r := raw(t, s, "GET", nn(s, "/", "GETFILESTATUS", ""), ""); r.status != 200 || time.Since(start) < 30*time.Millisecond {
		t.Errorf("latency fault = %d after %v", r.status, time.Since(start))
	}
	s.ResetNext(1)
	if _, err := http0(nn(s, "/", "GETFILESTATUS", "")); err == nil {
		t.Error("a reset request succeeded")
	}
	var got []string
	for _, r := range s.Requests() {
		got = append(got, r.Node+" "+r.Op+" "+r.Path+" "+map[bool]string{true: "faulted", false: "ok"}[r.Faulted])
	}
	want := []string{"nn0 GETFILESTATUS / faulted", "nn0 LISTSTATUS / faulted", "nn0 GETFILESTATUS / ok",
		"nn0 GETFILESTATUS / faulted", "nn0 GETFILESTATUS / faulted"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	if s.Count("getfilestatus") != 4 || s.Count("") != 5 {
		t.Errorf("Count = %d, %d; want 4, 5", s.Count("GETFILESTATUS"), s.Count(""))
	}
	s.ResetLog()
	if len(s.Requests()) != 0 {
		t.Error("ResetLog kept entries")
	}
	s.StopNameNode(0)
	if _, err := http0(nn(s, "/", "GETFILESTATUS", "")); err == nil {
		t.Error("a stopped NameNode answered")
	}
}

func TestPermissionsAndHA(t *testing.T) {
	s := newTestServer(t, Options{NameNodes: 2})
	must(t, s.Chmod("/data", "1777"))
	must(t, s.Chmod("/data/a.txt", "600"))
	if err := s.Chmod("/data", "2000"); err == nil {
		t.Error("Chmod accepted 2000")
	}
	if err := s.Chown("/none", "x", ""); err == nil {
		t.Error("Chown of a missing path succeeded")
	}
	st := raw(t, s, "GET", nn(s, "/data", "GETFILESTATUS", ""), "").json(t)["FileStatus"].(map[string]any)
	if st["permission"] != "1777" {
		t.Errorf("permission = %v, want 1777", st["permission"])
	}
	if r := raw(t, s, "PUT", nn(s, "/data/bob", "MKDIRS", "user.name=bob"), ""); r.status != 200 {
		t.Errorf("MKDIRS in a 1777 directory = %d %s", r.status, r.body)
	}
	r := raw(t, s, "GET", nn(s, "/data/a.txt", "OPEN", "user.name=bob"), "")
	want := `Permission denied: user=bob, access=READ, inode="/data/a.txt":hdfs:supergroup:-rw-------`
	if got := r.json(t)["RemoteException"].(map[string]any)["message"]; r.status != 403 || got != want {
		t.Errorf("OPEN = %d %v, want 403 %s", r.status, got, want)
	}
	r = raw(t, s, "GET", nn(s, "/data", "LISTSTATUS", "user.name=bob"), "")
	if r.status != 200 {
		t.Errorf("LISTSTATUS of a 1777 directory = %d", r.status)
	}
	must(t, s.Chmod("/data", "1770"))
	r = raw(t, s, "GET", nn(s, "/data", "LISTSTATUS", "user.name=bob"), "")
	want = `Permission denied: user=bob, access=READ, inode="/data":hdfs:supergroup:drwxrwx--T`
	if got := r.json(t)["RemoteException"].(map[string]any)["message"]; got != want {
		t.Errorf("LISTSTATUS = %v, want %s", got, want)
	}

	if s.Active() != 0 || s.Nameservice() != "ns1" {
		t.Errorf("Active = %d, Nameservice = %q", s.Active(), s.Nameservice())
	}
	s.SetActive(1)
	if r := raw(t, s, "GET", nn(s, "/", "GETFILESTATUS", ""), ""); r.status != 403 {
		t.Errorf("nn0 after SetActive(1) = %d", r.status)
	}
	if r := raw(t, s, "GET", s.NameNodeURLs()[1]+"/webhdfs/v1/?op=GETFILESTATUS", ""); r.status != 200 {
		t.Errorf("nn1 after SetActive(1) = %d", r.status)
	}
}
