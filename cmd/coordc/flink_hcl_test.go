package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/lower/hclgen"
	"github.com/coordc/coordc/lower/ooziexml"
)

// flinkHCL is flinkCoordinator written in HCL with a flink block instead
// of a workflow app on HDFS.
const flinkHCL = `coordinator "flink-daily" {
  frequency = coord::days(1)
  start     = "2025-01-01T00:00Z"
  end       = "2025-01-04T00:00Z"
  timezone  = "UTC"

  controls {
    timeout = 0
  }

  dataset "in" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://ns1/data/in/${YEAR}/${MONTH}/${DAY}"
  }

  dataset "out" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://ns1/data/out/${YEAR}/${MONTH}/${DAY}"
  }

  input "input" {
    dataset  = dataset.in
    instance = coord::current(0)
  }

  output "output" {
    dataset  = dataset.out
    instance = coord::current(0)
  }

  flink {
    app_path    = "hdfs://ns1/apps/daily"
    jar         = "lib/aggregate.jar"
    entry_class = "com.example.Aggregate"
    args        = ["--in", coord::dataIn("input"), "--out", coord::dataOut("output")]
    configuration = {
      "pipeline.name" = "daily"
    }
  }
}
`

// wantFlinkWorkflow is the generated one-node workflow of flinkHCL.
const wantFlinkWorkflow = `<?xml version="1.0" encoding="UTF-8"?>
<workflow-app name="flink-daily" xmlns="uri:oozie:workflow:0.5">
  <start to="flink"/>
  <action name="flink">
    <flink xmlns="uri:coordc:flink-action:0.1">
      <jar>lib/aggregate.jar</jar>
      <entry-class>com.example.Aggregate</entry-class>
      <arg>--in</arg>
      <arg>${flink_arg_1}</arg>
      <arg>--out</arg>
      <arg>${flink_arg_3}</arg>
      <flink-configuration>
        <property>
          <name>pipeline.name</name>
          <value>daily</value>
        </property>
      </flink-configuration>
    </flink>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail">
    <message>Flink job failed: ${wf:errorMessage(wf:lastErrorNode())}</message>
  </kill>
  <end name="end"/>
</workflow-app>
`

func writeFlinkHCL(t *testing.T) (dir, def string) {
	t.Helper()
	dir = t.TempDir()
	def = filepath.Join(dir, "daily.coord.hcl")
	if err := os.WriteFile(def, []byte(flinkHCL), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, def
}

// TestConvertFlinkHCL converts the flink block to Oozie XML: the
// coordinator (its action a workflow at app_path, passed the EL values as
// properties) and NAME/workflow.xml, a workflow the engine accepts. Both
// plan alike, and the IR converts back to a flink block.
func TestConvertFlinkHCL(t *testing.T) {
	dir, def := writeFlinkHCL(t)
	if _, stderr, code := coordc(t, "convert", "--to", "xml", def); code != exitUsage || !strings.Contains(stderr, "--out DIR") {
		t.Errorf("without --out: exit %d, %s", code, stderr)
	}
	out := filepath.Join(dir, "xml")
	if _, stderr, code := coordc(t, "convert", "--to", "xml", "--out", out, def); code != exitOK {
		t.Fatalf("convert: exit %d\n%s", code, stderr)
	}
	var names []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if diff := cmp.Diff([]string{"flink-daily/workflow.xml", "flink-daily.xml"}, names); diff != "" {
		t.Fatalf("files (-want +got):\n%s", diff)
	}
	wf, err := os.ReadFile(filepath.Join(out, "flink-daily", "workflow.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantFlinkWorkflow, string(wf)); diff != "" {
		t.Errorf("workflow.xml (-want +got):\n%s", diff)
	}
	if _, diags := wfapp.Compile("workflow.xml", wf); diags.HasErrors() {
		t.Errorf("the engine refuses the generated workflow: %s", diags)
	}
	coordXML, err := os.ReadFile(filepath.Join(out, "flink-daily.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<app-path>hdfs://ns1/apps/daily</app-path>",
		"<name>flink_arg_1</name>", "<value>${coord:dataIn('input')}</value>",
		"<name>flink_arg_3</name>", "<value>${coord:dataOut('output')}</value>"} {
		if !strings.Contains(string(coordXML), s) {
			t.Errorf("the coordinator XML lacks %s:\n%s", s, coordXML)
		}
	}
	if diff := cmp.Diff(planJSON(t, def, nil), planJSON(t, filepath.Join(out, "flink-daily.xml"), nil)); diff != "" {
		t.Errorf("plan of the HCL vs its XML (-HCL +XML):\n%s", diff)
	}

	cfgs, _, diags := hclfront.ReadConfigs([]string{def}, hclfront.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	back, diags := hclgen.Coordinator(cfgs[0].Coordinators[0])
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(flinkHCL, string(back)); diff != "" {
		t.Errorf("IR back to HCL (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(ooziexml.FlinkWorkflow(cfgs[0].Coordinators[0])), "<action name=\""+ooziexml.FlinkNode+"\">") {
		t.Error("FlinkNode does not name the action node")
	}
}
