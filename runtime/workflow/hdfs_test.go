package workflow

import (
	"context"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/webhdfs"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

const hdfsWorkflow = `<workflow-app name="on-hdfs" xmlns="uri:oozie:workflow:0.5">
  <start to="ops"/>
  <action name="ops">
    <fs>
      <delete path="${out}/old"/>
      <mkdir path="${out}/a/b"/>
      <touchz path="${out}/a/b/_SUCCESS"/>
      <move source="${out}/a/b" target="${out}/c"/>
    </fs>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorCode('ops')}: ${wf:errorMessage('ops')}</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestWorkflowOnHDFS: workflow.xml is read from an hdfs:// application
// path and the fs action works on HDFS paths.
func TestWorkflowOnHDFS(t *testing.T) {
	fake := webhdfsfake.New(webhdfsfake.Options{Superuser: "etl", Clock: clocktest.New(epoch)})
	t.Cleanup(fake.Close)
	fake.WriteFile("/apps/wf/workflow.xml", []byte(hdfsWorkflow))
	fake.MkdirAll("/out/old/x")
	c, err := webhdfs.New(webhdfs.Config{Nameservices: map[string][]string{"ns1": fake.NameNodeURLs()}, User: "etl"})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	e.Files = hdfsstore.New(c)
	req := runner.Request{ActionID: "c@1", AppPath: "hdfs://ns1/apps/wf", Conf: map[string]string{"out": "hdfs://ns1/out"}, Dir: t.TempDir()}
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if _, err := fake.ReadFile("/out/c/_SUCCESS"); err != nil {
		t.Errorf("the moved done-flag: %v", err)
	}
	for _, gone := range []string{"/out/old", "/out/a/b"} {
		if ok, _ := e.Files.Exists("hdfs://ns1" + gone); ok {
			t.Errorf("%s still exists", gone)
		}
	}
	// A file where the touchz goes: FS007 from HDFS, through the kill message.
	fake.WriteFile("/out2/a/b/_SUCCESS", []byte("not empty"))
	req.ActionID, req.Conf = "c@2", map[string]string{"out": "hdfs://ns1/out2"}
	id, err = e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Killed || res.ErrorMessage != "FS007: touchz: [hdfs://ns1/out2/a/b/_SUCCESS] exists and is not an empty file" {
		t.Errorf("result %+v", res)
	}
	req.ActionID, req.AppPath = "c@3", "hdfs://ns1/apps/none"
	if _, err := e.Start(context.Background(), req); err == nil || !strings.HasPrefix(err.Error(), "workflow: E0710: Could not read the workflow definition, webhdfs OPEN /apps/none/workflow.xml: FileNotFoundException") {
		t.Errorf("missing workflow.xml: %v", err)
	}
}
