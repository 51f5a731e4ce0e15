package workflow

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/webhdfs"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// TestFSFunctionsOnHDFS: the fs: EL functions answer for hdfs:// URIs
// through the WebHDFS client, with Oozie's values for missing paths,
// directories and files, and fail (EL006) when the NameNode does.
func TestFSFunctionsOnHDFS(t *testing.T) {
	fake := webhdfsfake.New(webhdfsfake.Options{Superuser: "etl", Clock: clocktest.New(epoch)})
	t.Cleanup(fake.Close)
	fake.WriteFile("/data/d/a", []byte("12345"))
	fake.WriteFile("/data/d/b", []byte("678"))
	fake.WriteFile("/data/d/sub/c", []byte("not counted"))
	fake.MkdirAll("/data/empty")
	c, err := webhdfs.New(webhdfs.Config{Nameservices: map[string][]string{"ns1": fake.NameNodeURLs()}, User: "etl"})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := wfapp.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	s := &evalState{files: hdfsstore.New(c), catalog: cat, job: &jobRow{conf: map[string]string{}}}
	eval := func(text string) (string, string) {
		tmpl, diags := el.ParseTemplate(el.Plain("t", text, hclStart))
		diags = append(diags, wfapp.CheckTemplate(tmpl, cat)...)
		if !diags.HasErrors() {
			var v string
			if v, diags = s.evaluate(tmpl); !diags.HasErrors() {
				return v, ""
			}
		}
		return "", render(diags)[0]
	}
	const d = "hdfs://ns1/data/d"
	tests := map[string]string{
		"${fs:exists('" + d + "/a')}|${fs:exists('" + d + "')}|${fs:exists('" + d + "/none')}":                                           "true|true|false",
		"${fs:isDir('" + d + "')}|${fs:isDir('" + d + "/a')}|${fs:isDir('hdfs://ns1/none')}":                                             "true|false|false",
		"${fs:fileSize('" + d + "/a')}|${fs:fileSize('" + d + "')}|${fs:fileSize('" + d + "/none')}":                                     "5|-1|-1",
		"${fs:blockSize('" + d + "/a')}|${fs:blockSize('" + d + "')}|${fs:blockSize('" + d + "/none')}":                                  "134217728|-1|-1",
		"${fs:dirSize('" + d + "')}|${fs:dirSize('hdfs://ns1/data/empty')}|${fs:dirSize('" + d + "/a')}|${fs:dirSize('" + d + "/none')}": "8|0|-1|-1",
		"${fs:fileSize('" + d + "/a') gt 4 and fs:exists('" + d + "/b')}":                                                                "true",
	}
	for in, want := range tests {
		if got, err := eval(in); err != "" || got != want {
			t.Errorf("%s = %q (%s), want %q", in, got, err, want)
		}
	}
	fake.FailNext(1, 403, "AccessControlException", "Permission denied: user=etl")
	if _, err := eval("${fs:exists('" + d + "/a')}"); !strings.HasPrefix(err, "1:3 error EL006 Error in fs:exists: webhdfs GETFILESTATUS /data/d/a: AccessControlException: Permission denied") {
		t.Errorf("a refused GETFILESTATUS: %q", err)
	}
}
