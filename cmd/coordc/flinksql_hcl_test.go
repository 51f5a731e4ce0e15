package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/lower/hclgen"
	"github.com/coordc/coordc/runtime/flinksql/gatewayfake"
)

// flinkSQLHCL runs two statements per day on a SQL Gateway, without a
// workflow app.
const flinkSQLHCL = `coordinator "sql-daily" {
  frequency = coord::days(1)
  start     = "2025-01-01T00:00Z"
  end       = "2025-01-03T00:00Z"
  timezone  = "UTC"

  flink_sql {
    app_path = "apps/sql-daily"
    session_configuration = {
      "execution.runtime-mode" = "batch"
    }
    statements     = ["CREATE TABLE IF NOT EXISTS daily (dt STRING)", "INSERT INTO daily VALUES ('${coord::formatTime(coord::nominalTime(), "yyyy-MM-dd")}')"]
    capture_output = true
  }
}
`

// wantFlinkSQLWorkflow is the generated one-node workflow of flinkSQLHCL.
const wantFlinkSQLWorkflow = `<?xml version="1.0" encoding="UTF-8"?>
<workflow-app name="sql-daily" xmlns="uri:oozie:workflow:0.5">
  <start to="flink-sql"/>
  <action name="flink-sql">
    <flink-sql xmlns="uri:coordc:flink-sql-action:0.1">
      <session-configuration>
        <property>
          <name>execution.runtime-mode</name>
          <value>batch</value>
        </property>
      </session-configuration>
      <statement>CREATE TABLE IF NOT EXISTS daily (dt STRING)</statement>
      <statement>${flink_sql_statement_1}</statement>
      <capture-output/>
    </flink-sql>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail">
    <message>Flink SQL failed: ${wf:errorMessage(wf:lastErrorNode())}</message>
  </kill>
  <end name="end"/>
</workflow-app>
`

// TestFlinkSQLHCL converts a flink_sql block to Oozie XML (the
// coordinator passing the statement's EL as a property, and
// NAME/workflow.xml, which the engine accepts), back to the same HCL, and
// runs it with coordc apply on a fake gateway: each day's INSERT carries
// that day.
func TestFlinkSQLHCL(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "daily.coord.hcl")
	if err := os.WriteFile(def, []byte(flinkSQLHCL), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "xml")
	if _, stderr, code := coordc(t, "convert", "--to", "xml", "--out", out, def); code != exitOK {
		t.Fatalf("convert: exit %d\n%s", code, stderr)
	}
	wf, err := os.ReadFile(filepath.Join(out, "sql-daily", "workflow.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantFlinkSQLWorkflow, string(wf)); diff != "" {
		t.Errorf("workflow.xml (-want +got):\n%s", diff)
	}
	if _, diags := wfapp.Compile("workflow.xml", wf); diags.HasErrors() {
		t.Errorf("the engine refuses the generated workflow: %s", diags)
	}
	coordXML, err := os.ReadFile(filepath.Join(out, "sql-daily.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<app-path>apps/sql-daily</app-path>", "<name>flink_sql_statement_1</name>",
		`<value>INSERT INTO daily VALUES ('${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}')</value>`} {
		if !strings.Contains(string(coordXML), s) {
			t.Errorf("the coordinator XML lacks %s:\n%s", s, coordXML)
		}
	}
	cfgs, _, diags := hclfront.ReadConfigs([]string{def}, hclfront.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	back, diags := hclgen.Coordinator(cfgs[0].Coordinators[0])
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(flinkSQLHCL, string(back)); diff != "" {
		t.Errorf("IR back to HCL (-want +got):\n%s", diff)
	}

	fake := gatewayfake.New(gatewayfake.Options{Version: "v2", Script: func(string) gatewayfake.Outcome {
		return gatewayfake.Outcome{Duration: 50 * time.Millisecond}
	}})
	defer fake.Close()
	t.Chdir(dir)
	if stdout, stderr, code := coordc(t, "apply", "--until-done", "--state", "state.db", "--poll-interval", "20ms",
		"--flink-sql-gateway", fake.URL(), def); code != exitOK {
		t.Fatalf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	var got []string
	for _, x := range fake.Executions() {
		if strings.HasPrefix(x.Statement, "INSERT") {
			got = append(got, x.Statement)
		}
	}
	want := []string{"INSERT INTO daily VALUES ('2025-01-01')", "INSERT INTO daily VALUES ('2025-01-02')"}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("INSERTs (-want +got):\n%s", diff)
	}
}
