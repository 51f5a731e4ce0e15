package workflow

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/webhdfs"
	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
	"github.com/coordc/coordc/runtime/workflow/javatest"
)

// javaWorkflow runs coordc.Probe with ${mode} and ${arg}; its ok
// transition checks the captured greeting.
const javaWorkflow = `<workflow-app name="java-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="j"/>
  <action name="j">
    <java>
      <configuration><property><name>q</name><value>v</value></property></configuration>
      <main-class>` + javatest.MainClass + `</main-class>
      <java-opts>-Dprobe.greeting=${greeting} -Xmx64m</java-opts>
      <arg>${mode}</arg>
      <arg>${arg}</arg>
      <arg>${ms}</arg>
      <file>data.txt#renamed.txt</file>
      <archive>res.zip#res</archive>
      <capture-output/>
    </java>
    <ok to="check"/>
    <error to="fail"/>
  </action>
  <decision name="check">
    <switch>
      <case to="end">${mode ne 'ok' or wf:actionData('j')['greeting'] eq 'hello'}</case>
      <default to="fail"/>
    </switch>
  </decision>
  <kill name="fail"><message>${wf:errorCode('j')}|${wf:errorMessage('j')}</message></kill>
  <end name="end"/>
</workflow-app>
`

// javaApp writes the java test application (workflow, lib/probe.jar, a
// file and a zip archive) into a new directory.
func javaApp(t *testing.T) string {
	t.Helper()
	app := t.TempDir()
	javatest.BuildJar(t, filepath.Join(app, "lib", "probe.jar"))
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(javaWorkflow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(app, "data.txt"), []byte("from a file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(app, "res.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("x.txt")
	w.Write([]byte("from an archive\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return app
}

func javaRequest(t *testing.T, app, id string, conf map[string]string) runner.Request {
	full := map[string]string{"greeting": "hello", "arg": "", "ms": "0"}
	for k, v := range conf {
		full[k] = v
	}
	return runner.Request{ActionID: "0000001-java-C@" + id, AppPath: app, Conf: full, User: "tester", Dir: t.TempDir()}
}

// TestJavaAction runs a real JVM: main returning and System.exit(0) are
// ok, System.exit(n) and an exception thrown by main are errors with the
// exit status as code and Oozie's message; the capture-output file named by
// oozie.action.output.properties becomes wf:actionData; <file>, <archive>,
// java-opts and the action configuration reach the program.
func TestJavaAction(t *testing.T) {
	app := javaApp(t)
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	tests := []struct {
		name, mode, arg string
		want            runner.Status
		code, msg       string
		data            map[string]string
	}{
		{name: "ok", mode: "ok", arg: "a b", want: runner.Succeeded,
			data: map[string]string{"greeting": "hello", "arg": "a b", "file": "from a file", "archived": "from an archive", "conf": "yes"}},
		{name: "exit 0", mode: "exit", arg: "0", want: runner.Succeeded, data: map[string]string{}},
		{name: "exit 3", mode: "exit", arg: "3", want: runner.Killed, code: "3", msg: "Main Class [coordc.Probe], exit code [3]"},
		{name: "throw", mode: "throw", arg: "no input", want: runner.Killed, code: "1",
			msg: "Main Class [coordc.Probe], main() threw exception, java.lang.IllegalStateException: no input"},
		{name: "big output", mode: "big", want: runner.Killed, code: "OUTPUT_ERROR", msg: "Output data size"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := javaRequest(t, app, string(rune('a'+i)), map[string]string{"mode": tt.mode, "arg": tt.arg})
			id, err := e.Start(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			res := runToEnd(t, e, id)
			rows, _ := loadActions(context.Background(), db, id)
			var j *actionRow
			for _, r := range rows {
				if r.name == "j" {
					j = r
				}
			}
			if tt.data != nil {
				if diff := cmp.Diff(tt.data, j.data); diff != "" {
					t.Errorf("actionData (-want +got):\n%s", diff)
				}
			}
			if res.Status != tt.want {
				t.Fatalf("result %+v, want %s", res, tt.want)
			}
			if tt.code != "" && (j.errorCode != tt.code || !strings.Contains(j.errorMessage, tt.msg)) {
				t.Errorf("error %s %q, want %s %q", j.errorCode, j.errorMessage, tt.code, tt.msg)
			}
		})
	}
}

// TestJavaKill: killing the job stops the JVM (its process group) and
// marks the action KILLED.
func TestJavaKill(t *testing.T) {
	app := t.TempDir()
	javatest.BuildJar(t, filepath.Join(app, "lib", "probe.jar"))
	wf := strings.Replace(javaWorkflow, "<file>data.txt#renamed.txt</file>\n      <archive>res.zip#res</archive>\n", "", 1)
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	started := filepath.Join(t.TempDir(), "started")
	id, err := e.Start(context.Background(), javaRequest(t, app, "k", map[string]string{"mode": "sleep", "arg": started, "ms": "60000"}))
	if err != nil {
		t.Fatal(err)
	}
	row := waitRunning(t, e, id, "j")
	if err := e.Kill(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if alive(t, e, row) {
		t.Error("the JVM survived the kill")
	}
	if got := nodes(t, db, id)["j"]; got != "KILLED" {
		t.Errorf("j is %s, want KILLED", got)
	}
}

// TestJavaOnHDFS: for an application on HDFS, the jars of its lib/ are
// copied into the node directory and put on the classpath.
func TestJavaOnHDFS(t *testing.T) {
	jar := filepath.Join(t.TempDir(), "probe.jar")
	javatest.BuildJar(t, jar)
	data, err := os.ReadFile(jar)
	if err != nil {
		t.Fatal(err)
	}
	fake := webhdfsfake.New(webhdfsfake.Options{Superuser: "etl"})
	t.Cleanup(fake.Close)
	wf := strings.Replace(javaWorkflow, "<file>data.txt#renamed.txt</file>\n      <archive>res.zip#res</archive>\n", "", 1)
	fake.WriteFile("/apps/java/workflow.xml", []byte(wf))
	fake.WriteFile("/apps/java/lib/probe.jar", data)
	fake.WriteFile("/apps/java/lib/notes.txt", []byte("not a jar"))
	c, err := webhdfs.New(webhdfs.Config{Nameservices: map[string][]string{"ns1": fake.NameNodeURLs()}, User: "etl"})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	e.Files = hdfsstore.New(c)
	req := javaRequest(t, "hdfs://ns1/apps/java", "h", map[string]string{"mode": "ok", "arg": "x"})
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if _, err := os.Stat(filepath.Join(req.Dir, "j", "lib", "probe.jar")); err != nil {
		t.Errorf("the lib jar was not copied: %v", err)
	}
	if _, err := os.Stat(filepath.Join(req.Dir, "j", "lib", "notes.txt")); err == nil {
		t.Error("a file that is not a jar was copied")
	}
}

// TestJavaFileLinkEscape: a <file> or <archive> name that would leave the
// node directory fails the action (E0701) before the JVM runs.
func TestJavaFileLinkEscape(t *testing.T) {
	javatest.Require(t)
	for _, elem := range []string{"<file>data.txt#../../evil</file>", "<archive>res.zip#..</archive>"} {
		app := t.TempDir()
		wf := strings.Replace(javaWorkflow, "<file>data.txt#renamed.txt</file>\n      <archive>res.zip#res</archive>\n", elem+"\n", 1)
		writeFiles(t, app, map[string]string{"workflow.xml": wf, "data.txt": "d", "res.zip": ""})
		db, _ := newDB(t)
		e := newEngine(db, &clock{t: epoch})
		req := javaRequest(t, app, "x", map[string]string{"mode": "ok"})
		id, err := e.Start(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		res := runToEnd(t, e, id)
		if res.Status != runner.Failed || res.ErrorCode != "E0701" || !strings.Contains(res.ErrorMessage, "not a plain file name") {
			t.Errorf("%s: result %+v", elem, res)
		}
		if _, err := os.Lstat(filepath.Join(req.Dir, "..", "evil")); err == nil {
			t.Errorf("%s: a link was made outside the node directory", elem)
		}
	}
}
