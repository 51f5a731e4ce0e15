package webhdfs

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/google/go-cmp/cmp"
)

func TestStat(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, nil)
	must(t, e.fake.WriteFile("/data/2024/part-0", []byte("12345")))
	ctx := context.Background()
	got, err := e.client.Stat(ctx, "hdfs://ns1/data/2024/part-0")
	must(t, err)
	ms := fixedNow.UnixMilli()
	want := FileStatus{AccessTime: ms, BlockSize: 134217728, FileID: 16388, Group: "supergroup", Length: 5,
		ModificationTime: ms, Owner: "hdfs", Permission: "644", Replication: 3, Type: TypeFile}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Stat (-want +got):\n%s", diff)
	}
	if got.IsDir() || !got.ModTime().Equal(fixedNow) || got.ModTime().Location().String() != "UTC" {
		t.Errorf("IsDir = %v, ModTime = %v", got.IsDir(), got.ModTime())
	}
	dir, err := e.client.Stat(ctx, "/data")
	must(t, err)
	if !dir.IsDir() || dir.ChildrenNum != 1 || dir.Permission != "755" {
		t.Errorf("directory status = %+v", dir)
	}
	_, err = e.client.Stat(ctx, "/data/nope")
	if !IsNotFound(err) {
		t.Errorf("Stat of a missing path = %v, want a not-found error", err)
	}
	wantErr(t, err, "webhdfs GETFILESTATUS /data/nope: FileNotFoundException: File does not exist: /data/nope (HTTP 404)")
}

func TestListing(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{ListLimit: 2}, nil)
	for _, n := range []string{"c", "a", "e", "b", "d"} {
		must(t, e.fake.WriteFile("/dir/"+n, nil))
	}
	ctx := context.Background()
	names := func(l []FileStatus) []string {
		var out []string
		for _, s := range l {
			out = append(out, s.PathSuffix)
		}
		return out
	}

	all, err := e.client.List(ctx, "/dir")
	must(t, err)
	if diff := cmp.Diff([]string{"a", "b", "c", "d", "e"}, names(all)); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	var startAfter []string
	for _, r := range e.fake.Requests() {
		startAfter = append(startAfter, r.Op+" "+r.Query.Get("startAfter"))
	}
	if diff := cmp.Diff([]string{"LISTSTATUS_BATCH ", "LISTSTATUS_BATCH b", "LISTSTATUS_BATCH d"}, startAfter); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}

	page, err := e.client.ListBatch(ctx, "/dir", "c")
	must(t, err)
	if diff := cmp.Diff([]string{"d", "e"}, names(page.Entries)); diff != "" || page.Remaining != 0 {
		t.Errorf("ListBatch after c = %v remaining %d (-want +got):\n%s", names(page.Entries), page.Remaining, diff)
	}
	one, err := e.client.ListStatus(ctx, "/dir")
	must(t, err)
	if diff := cmp.Diff([]string{"a", "b", "c", "d", "e"}, names(one)); diff != "" {
		t.Errorf("ListStatus (-want +got):\n%s", diff)
	}
	file, err := e.client.List(ctx, "/dir/a")
	must(t, err)
	if len(file) != 1 || file[0].PathSuffix != "" || file[0].Type != TypeFile {
		t.Errorf("List of a file = %+v, want the file itself with an empty pathSuffix", file)
	}
	_, err = e.client.List(ctx, "/nope")
	if !IsNotFound(err) {
		t.Errorf("List of a missing directory = %v", err)
	}
}

func TestListFallsBackWithoutListStatusBatch(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{NoListBatch: true}, nil)
	must(t, e.fake.WriteFile("/dir/a", nil))
	for i := 0; i < 2; i++ {
		l, err := e.client.List(context.Background(), "/dir")
		must(t, err)
		if len(l) != 1 || l[0].PathSuffix != "a" {
			t.Errorf("List = %+v", l)
		}
	}
	want := []string{"nn0 GET LISTSTATUS_BATCH /dir", "nn0 GET LISTSTATUS /dir", "nn0 GET LISTSTATUS /dir"}
	if diff := cmp.Diff(want, e.log()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if e.clock.Sleeps() != nil {
		t.Errorf("the unsupported op was retried: %v", e.clock.Sleeps())
	}
}

func TestCreateOpenRoundTrip(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, nil)
	must(t, e.fake.MkdirAll("/user/alice"))
	must(t, e.fake.Chown("/user/alice", "alice", ""))
	ctx := context.Background()
	data := bytes.Repeat([]byte("0123456789abcdef\x00\xff"), 50_000)
	must(t, e.client.Create(ctx, "hdfs://ns1/user/alice/wf/workflow.xml", bytes.NewReader(data), &CreateOptions{Permission: "640"}))
	want := []string{"nn0 PUT CREATE /user/alice/wf/workflow.xml", "dn PUT CREATE /user/alice/wf/workflow.xml"}
	if diff := cmp.Diff(want, e.log()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if first := e.fake.Requests()[0]; first.Query.Get("user.name") != "alice" || first.Query.Get("permission") != "640" {
		t.Errorf("NameNode leg query = %v", first.Query)
	}
	got, err := e.client.ReadFile(ctx, "/user/alice/wf/workflow.xml")
	must(t, err)
	if !bytes.Equal(data, got) {
		t.Errorf("read back %d bytes, want the %d written", len(got), len(data))
	}
	st, err := e.client.Stat(ctx, "/user/alice/wf/workflow.xml")
	must(t, err)
	if st.Owner != "alice" || st.Permission != "640" || st.Length != int64(len(data)) {
		t.Errorf("status after create = %+v", st)
	}

	r, err := e.client.Open(ctx, "/user/alice/wf/workflow.xml", &OpenOptions{Offset: 10, Length: 8})
	must(t, err)
	part, err := io.ReadAll(r)
	must(t, err)
	must(t, r.Close())
	if string(part) != "abcdef\x00\xff" {
		t.Errorf("Open(offset 10, length 8) = %q", part)
	}

	err = e.client.Create(ctx, "/user/alice/wf/workflow.xml", strings.NewReader("x"), nil)
	if !IsAlreadyExists(err) {
		t.Errorf("Create over an existing file = %v, want FileAlreadyExistsException", err)
	}
	must(t, e.client.Create(ctx, "/user/alice/wf/workflow.xml", strings.NewReader("new"), &CreateOptions{Overwrite: true}))
	must(t, e.client.Append(ctx, "/user/alice/wf/workflow.xml", strings.NewReader("+more")))
	must(t, e.client.Create(ctx, "/user/alice/empty", nil, nil))
	for path, want := range map[string]string{"/user/alice/wf/workflow.xml": "new+more", "/user/alice/empty": ""} {
		got, err := e.fake.ReadFile(path)
		must(t, err)
		if string(got) != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}

	if err := e.client.Append(ctx, "/user/alice/none", strings.NewReader("x")); !IsNotFound(err) {
		t.Errorf("Append to a missing file = %v, want not found", err)
	}
	if _, err := e.client.Open(ctx, "/user/alice/none", nil); !IsNotFound(err) {
		t.Errorf("Open of a missing file = %v, want not found", err)
	}
	if err := e.client.Create(ctx, "/data/x", strings.NewReader("x"), nil); !IsAccessControl(err) {
		t.Errorf("Create in a directory alice cannot write = %v, want AccessControlException", err)
	}
}

func TestNamespaceOps(t *testing.T) {
	e := newEnv(t, webhdfsfake.Options{}, func(c *Config) {
		c.Nameservices["ns2"] = []string{"http://127.0.0.1:1"}
		c.User = "hdfs"
	})
	ctx := context.Background()
	ok, err := e.client.Mkdirs(ctx, "/a/b/c", "750")
	must(t, err)
	st, err := e.client.Stat(ctx, "/a/b/c")
	must(t, err)
	if !ok || !st.IsDir() || st.Permission != "750" {
		t.Errorf("Mkdirs = %v, status %+v", ok, st)
	}
	must(t, e.fake.WriteFile("/a/f", []byte("x")))
	steps := []struct {
		name string
		run  func() (bool, error)
		want bool
	}{
		{"rename to a path", func() (bool, error) { return e.client.Rename(ctx, "hdfs://ns1/a/f", "/a/g") }, true},
		{"rename to a URI", func() (bool, error) { return e.client.Rename(ctx, "/a/g", "hdfs://ns1/a/b/h") }, true},
		{"rename a missing source", func() (bool, error) { return e.client.Rename(ctx, "/a/g", "/a/i") }, false},
		{"delete a missing path", func() (bool, error) { return e.client.Delete(ctx, "/zz", false) }, false},
		{"delete recursively", func() (bool, error) { return e.client.Delete(ctx, "/a/b", true) }, true},
		{"mkdirs again", func() (bool, error) { return e.client.Mkdirs(ctx, "/a", "") }, true},
	}
	for _, s := range steps {
		got, err := s.run()
		if err != nil || got != s.want {
			t.Errorf("%s = %v, %v; want %v", s.name, got, err, s.want)
		}
	}
	must(t, e.fake.WriteFile("/a/keep", nil))
	_, err = e.client.Delete(ctx, "/a", false)
	wantErr(t, err, "PathIsNotEmptyDirectoryException")
	_, err = e.client.Rename(ctx, "/a", "hdfs://ns2/b")
	wantErr(t, err, `webhdfs RENAME /a: the destination "hdfs://ns2/b" is on another nameservice (ns2, not ns1)`)
	_, err = e.client.Mkdirs(ctx, "/a/keep/x", "")
	wantErr(t, err, "ParentNotDirectoryException")
	if _, err := e.client.Mkdirs(ctx, "/q", "9"); !IsIllegalArgument(err) {
		t.Errorf("Mkdirs with a bad permission = %v, want IllegalArgumentException", err)
	}
}
