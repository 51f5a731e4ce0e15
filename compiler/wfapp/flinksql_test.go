package wfapp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/google/go-cmp/cmp"
)

// flinkSQLApp is a workflow whose one action is the given <flink-sql> body.
func flinkSQLApp(body string) string {
	return app("0.5", `<start to="q"/><action name="q"><flink-sql xmlns="uri:coordc:flink-sql-action:0.1">`+body+
		`</flink-sql><ok to="end"/><error to="end"/></action><end name="end"/>`)
}

func TestCompileFlinkSQL(t *testing.T) {
	src := flinkSQLApp(`<session-configuration><property><name>execution.runtime-mode</name><value>batch</value></property></session-configuration>` +
		`<statement>CREATE TABLE IF NOT EXISTS t (a INT)</statement><statement>SELECT count(*) AS n FROM t WHERE d = '${day}'</statement><capture-output/>`)
	w, diags := Compile("wf.xml", []byte(src))
	if w == nil || len(diags) > 0 {
		t.Fatalf("%v", render(diags))
	}
	n := w.Node("q")
	f, ok := n.Action.Body.(*ir.FlinkSQLJob)
	if n.Type != ir.ActionFlinkSQL || !ok {
		t.Fatalf("node %+v", n)
	}
	if len(f.Statements) != 2 || !f.CaptureOutput || len(f.SessionConfiguration) != 1 || len(f.Templates()) != 4 {
		t.Errorf("flink-sql %+v", f)
	}
}

// TestCompileFlinkSQLErrors checks messages and positions: each case names
// the text on line 2 that the diagnostic must point at.
func TestCompileFlinkSQLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		at, want   string
	}{
		{"no statement", `<capture-output/>`, `<flink-sql`, `error E0701 Missing required element <statement> in <flink-sql>`},
		{"order", `<statement>SELECT 1</statement><session-configuration><property><name>a</name><value>b</value></property></session-configuration>`,
			`<session-configuration>`, `error E0701 Element <session-configuration> must come before <statement>`},
		{"empty", `<statement> ; </statement>`, `<statement>`, `error E0701 Empty Flink SQL statement`},
		{"unknown", `<statement>SELECT 1</statement><script>x</script>`, `<script>`, `error E0701 Unknown element <script> in <flink-sql>`},
		{"EL error", `<statement>${nope(}</statement>`, `}</statement>`, `error EL001 Unexpected "}" in EL expression`},
		{"wrong version", `<statement>SELECT 1</statement>`, `<flink-sql`,
			`error E0723 Unsupported action type, node [q] type [flink-sql] (namespace "uri:coordc:flink-sql-action:9.9")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := flinkSQLApp(tc.body)
			if tc.name == "wrong version" {
				src = strings.Replace(src, "flink-sql-action:0.1", "flink-sql-action:9.9", 1)
			}
			line2 := strings.Split(src, "\n")[1]
			want := []string{fmt.Sprintf("2:%d %s", strings.Index(line2, tc.at)+1, tc.want)}
			w, diags := Compile("wf.xml", []byte(src))
			if w != nil {
				t.Errorf("parsed")
			}
			if diff := cmp.Diff(want, render(diags)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
