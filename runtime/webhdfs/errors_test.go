package webhdfs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/google/go-cmp/cmp"
)

func TestParseError(t *testing.T) {
	long := strings.Repeat("x", 300)
	cases := []struct {
		name   string
		status int
		body   string
		want   RemoteError
		msg    string
	}{
		{"RemoteException", 404, `{"RemoteException":{"exception":"FileNotFoundException","javaClassName":"java.io.FileNotFoundException","message":"File does not exist: /a"}}`,
			RemoteError{Op: "OP", Path: "/p", Status: 404, Exception: "FileNotFoundException", JavaClassName: "java.io.FileNotFoundException", Message: "File does not exist: /a"},
			"webhdfs OP /p: FileNotFoundException: File does not exist: /a (HTTP 404)"},
		{"plain text", 502, "  Bad gateway\n", RemoteError{Op: "OP", Path: "/p", Status: 502, Message: "Bad gateway"},
			`webhdfs OP /p: server answered "Bad gateway" (HTTP 502)`},
		{"empty", 500, "", RemoteError{Op: "OP", Path: "/p", Status: 500}, "webhdfs OP /p: server answered with no body (HTTP 500)"},
		{"JSON without RemoteException", 500, `{"x":1}`, RemoteError{Op: "OP", Path: "/p", Status: 500, Message: `{"x":1}`},
			`webhdfs OP /p: server answered "{\"x\":1}" (HTTP 500)`},
		{"401 filter page", 401, "<html>Authentication required</html>",
			RemoteError{Op: "OP", Path: "/p", Status: 401, Exception: "AccessControlException",
				JavaClassName: "org.apache.hadoop.security.AccessControlException", Message: "<html>Authentication required</html>"},
			"webhdfs OP /p: AccessControlException: <html>Authentication required</html> (HTTP 401)"},
		{"401 empty", 401, "", RemoteError{Op: "OP", Path: "/p", Status: 401, Exception: "AccessControlException",
			JavaClassName: "org.apache.hadoop.security.AccessControlException", Message: "Authentication required"},
			"webhdfs OP /p: AccessControlException: Authentication required (HTTP 401)"},
		{"long body", 500, long, RemoteError{Op: "OP", Path: "/p", Status: 500, Message: long[:200] + "…"}, ""},
		{"no message", 403, `{"RemoteException":{"exception":"IOException"}}`,
			RemoteError{Op: "OP", Path: "/p", Status: 403, Exception: "IOException"}, "webhdfs OP /p: IOException (HTTP 403)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := parseError("OP", "/p", tc.status, []byte(tc.body))
			if diff := cmp.Diff(tc.want, *got); diff != "" {
				t.Errorf("parseError (-want +got):\n%s", diff)
			}
			if tc.msg != "" && got.Error() != tc.msg {
				t.Errorf("Error() = %q, want %q", got.Error(), tc.msg)
			}
		})
	}
}

// TestDocErrorExamples feeds the WebHDFS doc's four error examples through
// the client's error handling.
func TestDocErrorExamples(t *testing.T) {
	ops := docExamples(t)
	cases := []struct {
		section string
		is      func(error) bool
	}{
		{"Illegal Argument Exception", IsIllegalArgument},
		{"Security Exception", func(err error) bool { return IsAccessControl(err) }},
		{"Access Control Exception", IsAccessControl},
		{"File Not Found Exception", IsNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.section, func(t *testing.T) {
			block := ops[tc.section][0]
			err := parseError("OP", "/p", block.Status, []byte(block.BodyRaw))
			var body map[string]map[string]string
			must(t, json.Unmarshal(block.Body, &body))
			want := body["RemoteException"]
			got := map[string]string{"exception": err.Exception, "javaClassName": err.JavaClassName, "message": err.Message}
			if block.Status == 401 {
				// The client reads a 401 as the authentication filter's
				// answer whatever its body, as Hadoop's client does.
				want = map[string]string{"exception": "AccessControlException",
					"javaClassName": "org.apache.hadoop.security.AccessControlException", "message": strings.TrimSpace(block.BodyRaw)}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("RemoteError (-want +got):\n%s", diff)
			}
			if !tc.is(err) {
				t.Errorf("%v is not classified as a %s", err, tc.section)
			}
		})
	}
}

// TestDocListingExamples decodes the doc's FileStatus, FileStatuses and
// DirectoryListing examples with the client's types.
func TestDocListingExamples(t *testing.T) {
	ops := docExamples(t)
	body := func(section string, i int) []byte { return ops[section][i].Body }
	k := &call{op: "TEST", loc: Location{Path: "/p"}}

	var st struct{ FileStatus *FileStatus }
	must(t, decode(k, body("Status of a File/Directory", 0), "FileStatus", &st, func() bool { return st.FileStatus != nil }))
	want := FileStatus{Group: "supergroup", ModificationTime: 1320173277227, Owner: "webuser", Permission: "777",
		Type: TypeDirectory, SnapshotEnabled: true, EcPolicy: "RS-6-3-1024k"}
	if diff := cmp.Diff(want, *st.FileStatus); diff != "" {
		t.Errorf("FileStatus (-want +got):\n%s", diff)
	}

	var list fileStatuses
	must(t, decode(k, body("List a File", 0), "FileStatuses", &list, func() bool { return list.FileStatuses != nil }))
	wantFile := FileStatus{AccessTime: 1320171722771, BlockSize: 33554432, FileID: 16390, Group: "supergroup", Length: 1366,
		ModificationTime: 1501770633062, Owner: "webuser", Permission: "644", Replication: 1, Type: TypeFile}
	if diff := cmp.Diff([]FileStatus{wantFile}, list.FileStatuses.FileStatus); diff != "" {
		t.Errorf("FileStatuses (-want +got):\n%s", diff)
	}

	var dl struct {
		DirectoryListing *struct {
			PartialListing   *fileStatuses `json:"partialListing"`
			RemainingEntries int           `json:"remainingEntries"`
		}
	}
	must(t, decode(k, body("Iteratively List a Directory", 0), "DirectoryListing", &dl, func() bool { return dl.DirectoryListing != nil }))
	var names []string
	for _, s := range dl.DirectoryListing.PartialListing.FileStatuses.FileStatus {
		names = append(names, s.PathSuffix)
	}
	if diff := cmp.Diff([]string{"bardir", "bazfile"}, names); diff != "" || dl.DirectoryListing.RemainingEntries != 2 {
		t.Errorf("DirectoryListing remaining %d (-want +got):\n%s", dl.DirectoryListing.RemainingEntries, diff)
	}
}

// docResponse is one response block of webhdfs-examples.json.
type docResponse struct {
	Status  int
	BodyRaw string          `json:"body_raw"`
	Body    json.RawMessage `json:"body_json"`
}

// docExamples loads webhdfs-examples.json: the response blocks of each
// section, in order.
func docExamples(t *testing.T) map[string][]docResponse {
	t.Helper()
	b, err := os.ReadFile(corpus.Shared(t, "reference", "webhdfs", "webhdfs-examples.json"))
	must(t, err)
	var v struct {
		Operations map[string]struct {
			Blocks []struct {
				Kind string
				docResponse
			}
		}
	}
	must(t, json.Unmarshal(b, &v))
	out := map[string][]docResponse{}
	for name, op := range v.Operations {
		for _, blk := range op.Blocks {
			if blk.Kind == "response" {
				out[name] = append(out[name], blk.docResponse)
			}
		}
	}
	return out
}

func TestAuthenticationErrors(t *testing.T) {
	ctx := context.Background()
	anon := newEnv(t, webhdfsfake.Options{RequireUser: true}, func(c *Config) { c.User = "" })
	_, err := anon.client.Stat(ctx, "/")
	if !IsAccessControl(err) {
		t.Errorf("anonymous on a cluster that needs user.name = %v", err)
	}
	wantErr(t, err, "webhdfs GETFILESTATUS /: AccessControlException: Authentication required (HTTP 401)")

	tok := newEnv(t, webhdfsfake.Options{Secure: true, Tokens: map[string]string{"tok-1": "alice"}},
		func(c *Config) { c.DelegationToken = "tok-1" })
	_, err = tok.client.ReadFile(ctx, "/nope")
	if !IsNotFound(err) {
		t.Errorf("with a token = %v, want not found", err)
	}
	for _, r := range tok.fake.Requests() {
		if r.Query.Get("delegation") != "tok-1" || r.Query.Has("user.name") {
			t.Errorf("request query %v, want delegation=tok-1 and no user.name", r.Query)
		}
	}
	bad := newEnv(t, webhdfsfake.Options{Secure: true}, func(c *Config) { c.DelegationToken = "tok-EXPIRED-42" })
	_, err = bad.client.Stat(ctx, "/")
	if !IsInvalidToken(err) || !IsAccessControl(err) {
		t.Errorf("expired token = %v, want an invalid-token error", err)
	}
	if strings.Contains(fmt.Sprint(err), "tok-EXPIRED-42") {
		t.Errorf("the error leaks the token: %v", err)
	}
}

func TestErrorsDoNotLeakTokens(t *testing.T) {
	c, err := New(Config{Nameservices: map[string][]string{"ns1": {"http://127.0.0.1:1"}}, DelegationToken: "SECRET",
		Retry: Retry{Attempts: 1}})
	must(t, err)
	_, err = c.Stat(context.Background(), "hdfs://ns1/p")
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("error = %v, want a connection error without the token", err)
	}
	wantErr(t, err, "webhdfs GETFILESTATUS /p: 127.0.0.1:1: dial tcp 127.0.0.1:1")
	var re *RemoteError
	if errors.As(err, &re) || IsNotFound(err) || IsStandby(err) {
		t.Errorf("a connection error is classified as a server answer: %v", err)
	}
}

func TestClassifiers(t *testing.T) {
	mk := func(status int, exc, class, msg string) error {
		return fmt.Errorf("wrapped: %w", &RemoteError{Status: status, Exception: exc, JavaClassName: class, Message: msg})
	}
	cases := []struct {
		name string
		err  error
		is   func(error) bool
		want bool
	}{
		{"not found by name", mk(404, "FileNotFoundException", "", ""), IsNotFound, true},
		{"not found by status only", mk(404, "", "", "Not Found"), IsNotFound, true},
		{"404 of another exception", mk(404, "IOException", "java.io.IOException", ""), IsNotFound, false},
		{"standby by class", mk(403, "", "org.apache.hadoop.ipc.StandbyException", ""), IsStandby, true},
		{"standby by message", mk(403, "RemoteException", "", "org.apache.hadoop.ipc.StandbyException"), IsStandby, true},
		{"access control", mk(403, "AccessControlException", "", ""), IsAccessControl, true},
		{"authorization", mk(403, "AuthorizationException", "", ""), IsAccessControl, true},
		{"already exists", mk(403, "FileAlreadyExistsException", "", ""), IsAlreadyExists, true},
		{"illegal argument", mk(400, "IllegalArgumentException", "", ""), IsIllegalArgument, true},
		{"invalid token class", mk(403, "", "org.apache.hadoop.security.token.SecretManager$InvalidToken", ""), IsInvalidToken, true},
		{"plain error", errors.New("x"), IsNotFound, false},
		{"nil", nil, IsAccessControl, false},
		{"unsupported op", mk(400, "IllegalArgumentException", "", `Invalid value for webhdfs parameter "op": No enum constant x`), isUnsupportedOp, true},
		{"unsupported operation", mk(400, "UnsupportedOperationException", "", "op=X is not supported"), isUnsupportedOp, true},
		{"other bad parameter", mk(400, "IllegalArgumentException", "", `Invalid value for webhdfs parameter "offset"`), isUnsupportedOp, false},
	}
	for _, tc := range cases {
		if got := tc.is(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestIsUnreachableAndTransient(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	cases := []struct {
		err                    error
		unreachable, transient bool
	}{
		{fmt.Errorf("webhdfs CREATE /p: h: %w", reset), true, true},
		{fmt.Errorf("no answer: %w", ErrTimeout), true, true},
		{io.ErrUnexpectedEOF, true, true},
		{&RemoteError{Status: 503, Exception: "RetriableException"}, false, true},
		{&RemoteError{Status: 403, Exception: "StandbyException"}, false, true},
		{&RemoteError{Status: 500}, false, true},
		{&RemoteError{Status: 403, Exception: "AccessControlException"}, false, false},
		{&RemoteError{Status: 404, Exception: "FileNotFoundException"}, false, false},
		{context.Canceled, false, false},
		{errors.New("webhdfs: no WebHDFS endpoint is configured"), false, false},
		{nil, false, false},
	}
	for _, tc := range cases {
		if got := IsUnreachable(tc.err); got != tc.unreachable {
			t.Errorf("IsUnreachable(%v) = %v", tc.err, got)
		}
		if got := IsTransient(tc.err); got != tc.transient {
			t.Errorf("IsTransient(%v) = %v", tc.err, got)
		}
	}
}
