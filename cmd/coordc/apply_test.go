package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/google/go-cmp/cmp"
)

// localExample is the runnable example of the README.
const localExample = "../../testdata/examples/local"

// readmeCommand is the line of README.md that runs the example.
const readmeCommand = "coordc apply --until-done -D root=$(mktemp -d) testdata/examples/local/coordinator.xml"

// statusOf runs `coordc status -o json` and decodes it.
func statusOf(t *testing.T, args ...string) state.Report {
	t.Helper()
	stdout, stderr, code := coordc(t, append([]string{"status", "-o", "json"}, args...)...)
	if code != exitOK {
		t.Fatalf("status: exit %d\n%s", code, stderr)
	}
	var rep state.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("status -o json: %v\n%s", err, stdout)
	}
	return rep
}

// succeededReport is the report of a job whose actions all succeeded on
// their first run.
func succeededReport(job, name string, nominals ...string) state.Report {
	jr := state.JobReport{ID: job, Name: name, Status: state.JobSucceeded, Actions: []state.ActionReport{}}
	for i, nt := range nominals {
		id := state.ActionID(job, i+1) + "-W0"
		jr.Actions = append(jr.Actions, state.ActionReport{Number: i + 1, NominalTime: nt, Status: state.Succeeded, ExternalID: id})
	}
	return state.Report{Jobs: []state.JobReport{jr}}
}

var exampleNominals = []string{"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"}

// TestReadmeCommand runs the README's command, word for word, from a
// directory that looks like the repository root (testdata is a link to the
// real one), so the state file and logs stay out of the repository.
func TestReadmeCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), readmeCommand) {
		t.Fatalf("README.md does not show %q", readmeCommand)
	}
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.Symlink(testdata, filepath.Join(root, "testdata")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	db := filepath.Join(root, "coordc.db")
	if statetest.Postgres() { // the README's command with COORDC_STATE set
		db = statetest.Schema(t)
		t.Setenv("COORDC_STATE", db)
	}
	data := t.TempDir()
	args := strings.Fields(strings.Replace(readmeCommand, "$(mktemp -d)", data, 1))[1:]
	if _, stderr, code := coordc(t, args...); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if diff := cmp.Diff(succeededReport("0000001-local-example-C", "local-example", exampleNominals...), statusOf(t)); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
	report, err := os.ReadFile(filepath.Join(data, "reports", "2024-01-03", "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "report for 2024-01-01\nreport for 2024-01-02\nreport for 2024-01-03\n"
	if diff := cmp.Diff(want, string(report)); diff != "" {
		t.Errorf("the last report (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(root, "coordc-logs", "0000001-local-example-C", "3", "0", "report", "stdout")); err != nil {
		t.Errorf("default log dir: %v", err)
	}
	checkReadmeQueries(t, string(readme), db)
}

// checkReadmeQueries runs the SQL queries of the README's sql blocks on a
// state database.
func checkReadmeQueries(t *testing.T, readme, db string) {
	t.Helper()
	var block string
	for rest, n := readme, 0; ; n++ {
		_, after, ok := strings.Cut(rest, "```sql\n")
		if !ok {
			if n == 0 {
				t.Fatal("README.md has no sql block")
			}
			break
		}
		var b string
		b, rest, _ = strings.Cut(after, "```")
		block += b + ";\n"
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range strings.Split(block, ";") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		rows, err := st.ReadDB().Query(q)
		if err != nil {
			t.Errorf("README query fails: %v\n%s", err, q)
			continue
		}
		rows.Close()
	}
}

// TestApplyIdempotent applies the example twice: the second run finds the
// finished job and submits nothing.
func TestApplyIdempotent(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	args := []string{"apply", "--until-done", "--state", db, "--poll-interval", "50ms", "-D", "root=" + dir, localExample + "/coordinator.xml"}
	for i := range 2 {
		if _, stderr, code := coordc(t, args...); code != exitOK {
			t.Fatalf("apply %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	if diff := cmp.Diff(succeededReport("0000001-local-example-C", "local-example", exampleNominals...), statusOf(t, "--state", db)); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
	// Other properties are another definition: a new job.
	args[7] = "root=" + filepath.Join(dir, "other")
	if _, stderr, code := coordc(t, args...); code != exitOK {
		t.Fatalf("apply with other properties: exit %d\n%s", code, stderr)
	}
	if n := len(statusOf(t, "--state", db).Jobs); n != 2 {
		t.Errorf("%d jobs after applying other properties, want 2", n)
	}
}

// TestApplyChangedDefinition: an unfinished job whose definition changed
// is not replaced silently.
func TestApplyChangedDefinition(t *testing.T) {
	dir := t.TempDir()
	coord := futureCoordinator(t, dir)
	db := stateDB(t, dir)
	job := submitFuture(t, db, coord)
	data, _ := os.ReadFile(coord)
	if err := os.WriteFile(coord, []byte(strings.Replace(string(data), "2099-01-03", "2099-01-04", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := coordc(t, "apply", "--until-done", "--state", db, coord)
	if code != exitProblems || !strings.Contains(stderr, "changed since job "+job) || !strings.Contains(stderr, "coordc kill "+job) {
		t.Errorf("exit %d, want %d with a hint to kill %s\n%s", code, exitProblems, job, stderr)
	}
	if n := len(statusOf(t, "--state", db).Jobs); n != 1 {
		t.Errorf("%d jobs, want 1: nothing may be submitted", n)
	}
}

// TestApplyFailure: a failing shell action makes apply exit 1, its output
// is copied to --error-dir and shown by logs.
func TestApplyFailure(t *testing.T) {
	dir := t.TempDir()
	tree := map[string]string{
		"coordinator.xml": `<coordinator-app name="fails" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"wf/workflow.xml": `<workflow-app name="fails-wf" xmlns="uri:oozie:workflow:0.4"><start to="boom"/>
  <action name="boom"><shell xmlns="uri:oozie:shell-action:0.2"><exec>/bin/sh</exec>
    <argument>-c</argument><argument>echo partial; echo oops &gt;&amp;2; exit 3</argument></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>boom failed: ${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/></workflow-app>`,
	}
	writeTree(t, dir, tree)
	db, errDir := stateDB(t, dir), filepath.Join(dir, "errors")
	_, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "--log-format", "json",
		"--error-dir", errDir, filepath.Join(dir, "coordinator.xml"))
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblems, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("--log-format json wrote a line that is not JSON: %q", line)
		}
	}
	rep := statusOf(t, "--state", db)
	// The workflow ends at its kill node: KILLED, as in Oozie.
	if a := rep.Jobs[0].Actions[0]; a.Status != state.Killed || !strings.Contains(a.ErrorMessage, "boom failed") {
		t.Errorf("action %+v, want KILLED with the kill message", a)
	}
	wf := filepath.Join(errDir, "0000001-fails-C@1-W0")
	for file, want := range map[string]string{"boom/stderr": "oops\n", "boom/stdout": "partial\n"} {
		got, err := os.ReadFile(filepath.Join(wf, file))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", file, got, err, want)
		}
	}
	if summary, _ := os.ReadFile(filepath.Join(wf, "error")); !strings.Contains(string(summary), "error code: E0729") {
		t.Errorf("error summary:\n%s", summary)
	}
	stdout, _, code := coordc(t, "logs", "0000001-fails-C", "--state", db)
	for _, want := range []string{"==> workflow 0000001-fails-C@1-W0 (fails-wf, run 0): KILLED", "--> boom (shell): ERROR → fail", "oops", "exit record"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("logs (exit %d) lacks %q:\n%s", code, want, stdout)
		}
	}
}

// TestApplyRejects: definitions apply cannot run are refused before
// anything is stored, with positions.
func TestApplyRejects(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"hive/coordinator.xml": `<coordinator-app name="hive" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T02:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"hive/wf/workflow.xml": `<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="q"/>
<action name="q"><hive xmlns="uri:oozie:hive-action:0.2"><job-tracker>jt</job-tracker><name-node>nn</name-node><script>q.sql</script></hive>
<ok to="end"/><error to="end"/></action><end name="end"/></workflow-app>`,
		"nowf/coordinator.xml": `<coordinator-app name="nowf" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T02:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>missing</app-path></workflow></action></coordinator-app>`,
		"hdfs/coordinator.xml": `<coordinator-app name="hdfs" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T02:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>hdfs://nn/app</app-path></workflow></action></coordinator-app>`,
		"bad/coordinator.xml": `<coordinator-app name="bad" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T02:00Z"
    timezone="Mars/Olympus" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
	})
	example, err := filepath.Abs(localExample + "/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		file string // a directory under dir, or an absolute file
		want []string
	}{
		"unsupported action type":   {"hive", []string{"wf/workflow.xml:2:18: error: Unsupported action type, node [q] type [hive]", "E0723"}},
		"missing workflow":          {"nowf", []string{"coordinator.xml:2:82: error: Cannot read the workflow definition"}},
		"HDFS app-path, no WebHDFS": {"hdfs", []string{`Workflow app-path "hdfs://nn/app" is on HDFS, and no WebHDFS endpoint is configured`}},
		"invalid coordinator":       {"bad", []string{"coordinator.xml:2:15: error:", "Mars/Olympus"}},
		"undefined parameter":       {example, []string{`coordinator.xml:15:13: error: Required parameter "root" is not defined`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			db := stateDB(t, t.TempDir())
			file := tc.file
			if !filepath.IsAbs(file) {
				file = filepath.Join(dir, file, "coordinator.xml")
			}
			_, stderr, code := coordc(t, "apply", "--until-done", "--state", db, file)
			if code != exitProblems {
				t.Errorf("exit %d, want %d\n%s", code, exitProblems, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("a state database was created for a rejected definition")
			}
		})
	}
}

func TestApplyUsage(t *testing.T) {
	tests := map[string][]string{
		"no files":          {"apply"},
		"missing file":      {"apply", "nope.xml"},
		"bad log level":     {"apply", "--log-level", "loud", localExample},
		"bad log format":    {"apply", "--log-format", "xml", localExample},
		"bad poll interval": {"apply", "--poll-interval", "0s", localExample},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			if _, stderr, code := coordc(t, args...); code != exitUsage {
				t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
			}
		})
	}
}

// TestApplyBundle: each enabled bundle entry becomes a job (with the
// entry's configuration), the disabled one does not, and applying again
// submits nothing.
func TestApplyBundle(t *testing.T) {
	dir := t.TempDir()
	entry := func(name, enabled string) string {
		return `<coordinator name="` + name + `"` + enabled + `><app-path>file://` + dir + `/c/coordinator.xml</app-path>
    <configuration><property><name>tag</name><value>` + name + `</value></property></configuration></coordinator>`
	}
	writeTree(t, dir, map[string]string{
		"bundle.xml": `<bundle-app name="b" xmlns="uri:oozie:bundle:0.2">` + entry("one", "") + entry("two", "") +
			entry("off", ` enabled="false"`) + `</bundle-app>`,
		"c/coordinator.xml": `<coordinator-app name="c-${tag}" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T02:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"c/wf/workflow.xml": `<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="end"/><end name="end"/></workflow-app>`,
	})
	db := stateDB(t, dir)
	for i := range 2 {
		if _, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", filepath.Join(dir, "bundle.xml")); code != exitOK {
			t.Fatalf("apply %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	var got []string
	for _, j := range statusOf(t, "--state", db).Jobs {
		got = append(got, j.ID+" "+string(j.Status))
	}
	if diff := cmp.Diff([]string{"0000001-c-one-C SUCCEEDED", "0000002-c-two-C SUCCEEDED"}, got); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
}
