package hclfront

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/ir"
)

// flinkBlock is a flink block with every argument.
const flinkBlock = `  input "in" {
    dataset  = "in"
    instance = coord::current(0)
  }
  dataset "in" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://ns1/in/${YEAR}${MONTH}${DAY}"
  }
  flink {
    app_path                 = "hdfs://ns1/apps/agg"
    jar                      = "lib/agg.jar"
    entry_class              = "com.example.Agg"
    parallelism              = 4
    args                     = ["--in", coord::dataIn("in"), "--day=${coord::formatTime(coord::nominalTime(), "yyyyMMdd")}"]
    savepoint_path           = "hdfs://ns1/savepoints/${var.sp}"
    allow_non_restored_state = true
    configuration = {
      "taskmanager.numberOfTaskSlots" = 2
      "pipeline.name"                 = coord::name()
    }
  }`

// TestFlinkBlock checks the IR of a flink block: literal values stay in
// the flink action, EL values are passed through generated properties.
func TestFlinkBlock(t *testing.T) {
	src := "variable \"sp\" {\n  default = \"agg\"\n}\n" + coord(flinkBlock)
	cfg, diags := Parse(map[string][]byte{"a.coord.hcl": []byte(src)}, Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	a := cfg.Coordinators[0].Action
	if a == nil || a.Flink == nil {
		t.Fatalf("no flink action: %+v", a)
	}
	raw := func(ts ...*ir.Text) []string {
		var out []string
		for _, t := range ts {
			if t == nil {
				out = append(out, "<nil>")
				continue
			}
			out = append(out, t.Raw)
		}
		return out
	}
	f := a.Flink
	got := raw(a.AppPath, f.Jar, f.EntryClass, f.Parallelism, f.SavepointPath)
	got = append(got, raw(f.Args...)...)
	for _, p := range f.Configuration {
		got = append(got, p.Name.Raw+"="+p.Value.Raw)
	}
	want := []string{"hdfs://ns1/apps/agg", "lib/agg.jar", "com.example.Agg", "4", "${flink_savepoint_path}",
		"--in", "${flink_arg_1}", "${flink_arg_2}",
		"taskmanager.numberOfTaskSlots=2", "pipeline.name=${flink_conf_1}"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("flink action (-want +got):\n%s", diff)
	}
	if !f.AllowNonRestoredState {
		t.Error("allow_non_restored_state = true was lost")
	}
	var props []string
	for _, p := range a.Configuration {
		props = append(props, p.Name.Raw+"="+p.Value.Raw)
	}
	wantProps := []string{
		"flink_arg_1=${coord:dataIn('in')}",
		"flink_arg_2=--day=${coord:formatTime(coord:nominalTime(), 'yyyyMMdd')}",
		"flink_savepoint_path=hdfs://ns1/savepoints/${sp}",
		"flink_conf_1=${coord:name()}",
	}
	if diff := cmp.Diff(wantProps, props); diff != "" {
		t.Errorf("passed properties (-want +got):\n%s", diff)
	}
	if got := a.Configuration[0].Value.Range; got.Start.Line != 24 || got.Start.Column != 41 {
		t.Errorf("flink_arg_1 comes from %s, want line 24 column 41", got)
	}
}

func TestFlinkBlockDiagnostics(t *testing.T) {
	tests := map[string]struct {
		body string
		want []string
	}{
		"missing jar": {`  flink { app_path = "/a" }`, []string{`6:11 Missing required argument`}},
		"with workflow": {"  workflow { app_path = \"/w\" }\n  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n  }",
			[]string{`7:3 Coordinator action given twice`}},
		"two flink blocks": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n  }\n  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n  }",
			[]string{`10:3 Duplicate flink block`}},
		"bad jar":         {"  flink {\n    app_path = \"/a\"\n    jar = \"a.zip\"\n  }", []string{`8:12 Invalid Flink jar "a.zip"`}},
		"bad parallelism": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n    parallelism = 0\n  }", []string{`9:19 Invalid Flink parallelism "0"`}},
		"flag with EL": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n    allow_non_restored_state = var.x\n  }",
			[]string{`9:32 Invalid allow_non_restored_state`}},
		"args not a list": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n    args = \"--x\"\n  }", []string{`9:12 Invalid args`}},
		"EL key": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n    configuration = { \"${coord::name()}\" = 1 }\n  }",
			[]string{`9:23 Invalid Flink configuration key`}},
		"configuration not a map": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n    configuration = 1\n  }",
			[]string{`9:21 Invalid Flink configuration`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := Parse(map[string][]byte{"a.coord.hcl": []byte(coord(tc.body))}, Options{})
			if diff := cmp.Diff(tc.want, errorsAt(diags)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
