package wfapp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/google/go-cmp/cmp"
)

// flinkApp is a workflow whose one action is the given <flink> body.
func flinkApp(body string) string {
	return app("0.5", `<start to="f"/><action name="f"><flink xmlns="uri:coordc:flink-action:0.1">`+body+
		`</flink><ok to="end"/><error to="end"/></action><end name="end"/>`)
}

func TestCompileFlink(t *testing.T) {
	src := flinkApp(`<jar>lib/job.jar</jar><entry-class>com.example.Job</entry-class><parallelism>4</parallelism>` +
		`<arg>--in</arg><arg>${in}</arg><savepoint-path>hdfs://ns1/sp/1</savepoint-path><allow-non-restored-state/>` +
		`<flink-configuration><property><name>state.savepoints.dir</name><value>hdfs://ns1/sp</value></property></flink-configuration>`)
	w, diags := Compile("wf.xml", []byte(src))
	if w == nil || len(diags) > 0 {
		t.Fatalf("%v", render(diags))
	}
	n := w.Node("f")
	f, ok := n.Action.Body.(*ir.FlinkJob)
	if n.Type != ir.ActionFlink || !ok {
		t.Fatalf("node %+v", n)
	}
	if len(f.Args) != 2 || !f.AllowNonRestoredState || len(f.Configuration) != 1 || f.SavepointPath == nil || f.Parallelism == nil {
		t.Errorf("flink %+v", f)
	}
}

// TestCompileFlinkErrors checks messages and positions: each case names the
// text on line 2 that the diagnostic must point at.
func TestCompileFlinkErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		at, want   string
	}{
		{"no jar", `<entry-class>X</entry-class>`, `<flink`, `error E0701 Missing required element <jar> in <flink>`},
		{"order", `<jar>a.jar</jar><arg>x</arg><parallelism>2</parallelism>`, `<parallelism>`,
			`error E0701 Element <parallelism> must come before <arg>`},
		{"unknown", `<jar>a.jar</jar><args>x</args>`, `<args>`, `error E0701 Unknown element <args> in <flink>`},
		{"not a jar", `<jar>a.zip</jar>`, `<jar>`, `error E0701 Flink jar "a.zip" does not end in .jar`},
		{"parallelism", `<jar>a.jar</jar><parallelism>0</parallelism>`, `<parallelism>`,
			`error E0701 Invalid Flink parallelism "0"`},
		{"parallelism text", `<jar>a.jar</jar><parallelism>four</parallelism>`, `<parallelism>`,
			`error E0701 Invalid Flink parallelism "four"`},
		{"flag with text", `<jar>a.jar</jar><allow-non-restored-state>yes</allow-non-restored-state>`, `yes<`,
			`error E0701 Text "yes" is not allowed in <allow-non-restored-state>`},
		{"property without value", `<jar>a.jar</jar><flink-configuration><property><name>a</name></property></flink-configuration>`,
			`<property>`, `error E0701 Missing required element <value> in <property>`},
		{"EL error", `<jar>${nope(}</jar>`, `}</jar>`, `error EL001 Unexpected "}" in EL expression`},
		{"wrong version", `<jar>a.jar</jar>`, `<flink`,
			`error E0723 Unsupported action type, node [f] type [flink] (namespace "uri:coordc:flink-action:9.9")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := flinkApp(tc.body)
			if tc.name == "wrong version" {
				src = strings.Replace(src, "flink-action:0.1", "flink-action:9.9", 1)
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
