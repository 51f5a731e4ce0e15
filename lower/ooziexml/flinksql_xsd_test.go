package ooziexml_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/lower/ooziexml"
	"github.com/coordc/coordc/schemas"
)

// TestFlinkSQLWorkflowValidatesAgainstXSD checks the <flink-sql> action
// FlinkSQLWorkflow writes against the published
// schemas/flink-sql-action-0.1.xsd with xmllint, and that the schema
// refuses an action without a statement.
func TestFlinkSQLWorkflowValidatesAgainstXSD(t *testing.T) {
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("skipping: xmllint is not installed (apt-get install libxml2-utils)")
	}
	src := `coordinator "sql" {
  frequency = coord::days(1)
  start     = "2025-01-01T00:00Z"
  end       = "2025-01-02T00:00Z"
  timezone  = "UTC"
  flink_sql {
    app_path              = "/apps/sql"
    session_configuration = { "execution.runtime-mode" = "batch", "pipeline.name" = coord::name() }
    statements            = ["SET 'a' = 'b'", "INSERT INTO t SELECT '${coord::nominalTime()}' WHERE 1 < 2"]
    capture_output        = true
  }
}
`
	cfg, diags := hclfront.Parse(map[string][]byte{"a.coord.hcl": []byte(src)}, hclfront.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	wf := string(ooziexml.FlinkSQLWorkflow(cfg.Coordinators[0]))
	start, end := strings.Index(wf, "<flink-sql "), strings.Index(wf, "</flink-sql>")
	if start < 0 || end < 0 {
		t.Fatalf("no flink-sql element:\n%s", wf)
	}
	action := wf[start : end+len("</flink-sql>")]
	dir := t.TempDir()
	xsd := filepath.Join(dir, "flink-sql-action-0.1.xsd")
	if err := os.WriteFile(xsd, schemas.FlinkSQLActionXSD(), 0o644); err != nil {
		t.Fatal(err)
	}
	validate := func(doc string) error {
		f := filepath.Join(dir, "doc.xml")
		if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(lint, "--noout", "--schema", xsd, f).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w: %s", err, out)
		}
		return nil
	}
	if err := validate(action); err != nil {
		t.Errorf("xmllint rejects the generated action: %v\n%s", err, action)
	}
	if err := validate(`<flink-sql xmlns="uri:coordc:flink-sql-action:0.1"><capture-output/></flink-sql>`); err == nil {
		t.Error("xmllint accepts a flink-sql action without a statement")
	}
}
