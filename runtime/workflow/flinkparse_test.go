package workflow

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/schemas"
)

// flinkApp is a workflow whose one action is the given <flink> body.
func flinkApp(body string) string {
	return app("0.5", `<start to="f"/><action name="f"><flink xmlns="uri:coordc:flink-action:0.1">`+body+
		`</flink><ok to="end"/><error to="end"/></action><end name="end"/>`)
}

func TestParseFlink(t *testing.T) {
	src := flinkApp(`<jar>lib/job.jar</jar><entry-class>com.example.Job</entry-class><parallelism>4</parallelism>` +
		`<arg>--in</arg><arg>${in}</arg><savepoint-path>hdfs://ns1/sp/1</savepoint-path><allow-non-restored-state/>` +
		`<flink-configuration><property><name>state.savepoints.dir</name><value>hdfs://ns1/sp</value></property></flink-configuration>`)
	w, diags := Parse("wf.xml", []byte(src))
	if w == nil || len(diags) > 0 {
		t.Fatalf("%v", render(diags))
	}
	n := w.Node("f")
	if n.Type != TypeFlink || n.action.flink == nil {
		t.Fatalf("node %+v", n)
	}
	f := n.action.flink
	if len(f.args) != 2 || !f.allowNonRestored || len(f.conf) != 1 || f.savepointPath == nil || f.parallelism == nil {
		t.Errorf("flink %+v", f)
	}
}

// TestParseFlinkErrors checks messages and positions: each case names the
// text on line 2 that the diagnostic must point at.
func TestParseFlinkErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		at, want   string
	}{
		{"no jar", `<entry-class>X</entry-class>`, `<entry-class>`, `error E0701 Element <flink> is missing <jar>`},
		{"order", `<jar>a.jar</jar><arg>x</arg><parallelism>2</parallelism>`, `<parallelism>`,
			`error E0701 Unexpected element <parallelism> in <flink>`},
		{"unknown", `<jar>a.jar</jar><args>x</args>`, `<args>`, `error E0701 Unexpected element <args> in <flink>`},
		{"not a jar", `<jar>a.zip</jar>`, `<jar>`, `error E0701 Flink jar "a.zip" does not end in .jar`},
		{"parallelism", `<jar>a.jar</jar><parallelism>0</parallelism>`, `<parallelism>`,
			`error E0701 Invalid Flink parallelism "0"`},
		{"parallelism text", `<jar>a.jar</jar><parallelism>four</parallelism>`, `<parallelism>`,
			`error E0701 Invalid Flink parallelism "four"`},
		{"flag with text", `<jar>a.jar</jar><allow-non-restored-state>yes</allow-non-restored-state>`, `<allow-non-restored-state>`,
			`error E0701 Text is not allowed in <allow-non-restored-state>`},
		{"property without value", `<jar>a.jar</jar><flink-configuration><property><name>a</name></property></flink-configuration>`,
			`<property>`, `error E0701 Element <property> is missing <value>`},
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
			w, diags := Parse("wf.xml", []byte(src))
			if w != nil {
				t.Errorf("parsed")
			}
			if diff := cmp.Diff(want, render(diags)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFlinkSchemaMatchesXSD checks the parser's content model against the
// published schemas/flink-action-0.1.xsd: the same elements in the same
// order with the same counts.
func TestFlinkSchemaMatchesXSD(t *testing.T) {
	var doc struct {
		Types []struct {
			Name  string `xml:"name,attr"`
			Elems []struct {
				Name string `xml:"name,attr"`
				Min  string `xml:"minOccurs,attr"`
				Max  string `xml:"maxOccurs,attr"`
			} `xml:"sequence>element"`
		} `xml:"complexType"`
		TargetNS string `xml:"targetNamespace,attr"`
	}
	if err := xml.Unmarshal(schemas.FlinkActionXSD(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TargetNS != FlinkNS {
		t.Errorf("targetNamespace %q, want %q", doc.TargetNS, FlinkNS)
	}
	var xsd []string
	for _, ty := range doc.Types {
		if ty.Name == "ACTION" {
			for _, e := range ty.Elems {
				xsd = append(xsd, e.Name+" "+e.Min+".."+e.Max)
			}
		}
	}
	var model []string
	for _, p := range flinkSchema().seq {
		max := "1"
		if p.max == unbounded {
			max = "unbounded"
		}
		model = append(model, p.elems[0].name+" "+map[int]string{0: "0", 1: "1"}[p.min]+".."+max)
	}
	if diff := cmp.Diff(xsd, model); diff != "" {
		t.Errorf("XSD vs parser (-xsd +parser):\n%s", diff)
	}
}
