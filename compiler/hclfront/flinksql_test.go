package hclfront

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFlinkSQLBlock checks the IR of a flink_sql block: literal values
// stay in the action, EL values are passed through generated properties.
func TestFlinkSQLBlock(t *testing.T) {
	src := coord(`  flink_sql {
    app_path              = "hdfs://ns1/apps/sql"
    session_configuration = { "execution.runtime-mode" = "batch", "pipeline.name" = coord::name() }
    statements            = ["SET 'a' = 'b'", "INSERT INTO t SELECT '${coord::formatTime(coord::nominalTime(), "yyyyMMdd")}'"]
    capture_output        = true
  }`)
	cfg, diags := Parse(map[string][]byte{"a.coord.hcl": []byte(src)}, Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	a := cfg.Coordinators[0].Action
	if a == nil || a.FlinkSQL == nil || a.Flink != nil {
		t.Fatalf("no flink_sql action: %+v", a)
	}
	f := a.FlinkSQL
	var got []string
	for _, s := range f.Statements {
		got = append(got, s.Raw)
	}
	for _, p := range f.SessionConfiguration {
		got = append(got, p.Name.Raw+"="+p.Value.Raw)
	}
	for _, p := range a.Configuration {
		got = append(got, p.Name.Raw+" <- "+p.Value.Raw)
	}
	want := []string{"SET 'a' = 'b'", "${flink_sql_statement_1}", "execution.runtime-mode=batch", "pipeline.name=${flink_sql_conf_1}",
		`flink_sql_statement_1 <- INSERT INTO t SELECT '${coord:formatTime(coord:nominalTime(), 'yyyyMMdd')}'`,
		"flink_sql_conf_1 <- ${coord:name()}"}
	if diff := cmp.Diff(want, got); diff != "" || !f.CaptureOutput {
		t.Errorf("flink_sql action (-want +got):\n%s", diff)
	}
}

func TestFlinkSQLBlockDiagnostics(t *testing.T) {
	tests := map[string]struct {
		body string
		want []string
	}{
		"missing statements": {`  flink_sql { app_path = "/a" }`, []string{`6:15 Missing required argument`}},
		"no statements":      {"  flink_sql {\n    app_path = \"/a\"\n    statements = []\n  }", []string{`8:18 No Flink SQL statements`}},
		"empty statement":    {"  flink_sql {\n    app_path = \"/a\"\n    statements = [\" ; \"]\n  }", []string{`8:20 Empty Flink SQL statement`}},
		"with workflow": {"  workflow { app_path = \"/w\" }\n  flink_sql {\n    app_path = \"/a\"\n    statements = [\"SELECT 1\"]\n  }",
			[]string{`7:3 Coordinator action given twice`}},
		"with flink": {"  flink {\n    app_path = \"/a\"\n    jar = \"a.jar\"\n  }\n  flink_sql {\n    app_path = \"/a\"\n    statements = [\"SELECT 1\"]\n  }",
			[]string{`10:3 Coordinator action given twice`}},
		"flag with EL": {"  flink_sql {\n    app_path = \"/a\"\n    statements = [\"SELECT 1\"]\n    capture_output = var.x\n  }",
			[]string{`9:22 Invalid capture_output`}},
		"EL key": {"  flink_sql {\n    app_path = \"/a\"\n    statements = [\"SELECT 1\"]\n    session_configuration = { \"${coord::name()}\" = 1 }\n  }",
			[]string{`9:31 Invalid session configuration key`}},
		"configuration not a map": {"  flink_sql {\n    app_path = \"/a\"\n    statements = [\"SELECT 1\"]\n    session_configuration = 1\n  }",
			[]string{`9:29 Invalid session configuration`}},
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
