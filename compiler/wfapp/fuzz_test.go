package wfapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// FuzzCompile: any input parses without panicking; an accepted workflow
// has a start node and every transition resolves.
func FuzzCompile(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*", "workflow.xml"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(app("0.1", `<start to="end"/><end name="end"/>`)))
	f.Add([]byte(app("0.5", `<start to="f"/><fork name="f"><path start="a"/><path start="b"/></fork><join name="j" to="end"/>`+
		shellAction("a", "j", "end")+shellAction("b", "j", "end")+`<end name="end"/>`)))
	f.Add([]byte("<workflow-app xmlns='uri:oozie:workflow:0.5' name='x'><start to='k'/><kill name='k'><message>&#x1F600;${wf:id()</message></kill><end name='e'/></workflow-app>"))
	f.Add([]byte(flinkApp(`<jar>${wf:conf('jar')}</jar><parallelism>${p}</parallelism><arg>a</arg><allow-non-restored-state/>` +
		`<flink-configuration><property><name>k</name><value>v</value></property></flink-configuration>`)))
	f.Add([]byte(flinkApp(`<jar>x.jar</jar><parallelism>-1</parallelism>`)))
	f.Add([]byte(flinkSQLApp(`<session-configuration><property><name>a</name><value>${b}</value></property></session-configuration>` +
		`<statement><![CDATA[INSERT INTO t SELECT '${wf:id()}']]></statement><statement>;</statement><capture-output/>`)))
	for _, body := range []string{ // the java, email, ssh and sub-workflow actions (issue 16)
		`<java><main-class>${m}</main-class><java-opt>-Da</java-opt><arg>x</arg><file>f#g</file><archive>a.zip</archive><capture-output/></java>`,
		`<email xmlns="uri:oozie:email-action:0.2"><to>a@b</to><cc>c@d</cc><subject>s</subject><body>${wf:id()}</body><attachment>x</attachment></email>`,
		`<ssh xmlns="uri:oozie:ssh-action:0.2"><host>u@h:22</host><command>c</command><arg>a b</arg><capture-output/></ssh>`,
		`<sub-workflow><app-path>${p}</app-path><propagate-configuration/><configuration><property><name>k</name><value>v</value></property></configuration></sub-workflow>`,
	} {
		f.Add([]byte(app("1.0", `<credentials><credential name="c" type="hcat"/></credentials><start to="a"/><action name="a" cred="c" retry-max="1" retry-policy="exponential">`+
			body+`<ok to="end"/><error to="end"/></action><end name="end"/>`)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags := Compile("wf.xml", data)
		if w == nil {
			if !diags.HasErrors() {
				t.Fatal("no workflow and no error")
			}
			return
		}
		if w.Nodes[0].Type != ir.NodeStart {
			t.Fatalf("first node %+v", w.Nodes[0])
		}
		for _, n := range w.Nodes {
			for _, tr := range n.Transitions {
				if w.Node(tr.To) == nil {
					t.Fatalf("transition %s -> %s does not resolve", n.Name, tr.To)
				}
			}
		}
	})
}

// TestLongLine: a maximal one-line definition full of references parses in
// linear time.
func TestLongLine(t *testing.T) {
	body := `<start to="k"/><kill name="k"><message>` + strings.Repeat("&amp;", (xmlfront.MaxWorkflowLength-200)/5) + `</message></kill><end name="end"/>`
	src := app("0.5", body)
	start := time.Now()
	if _, diags := Compile("wf.xml", []byte(src)); len(diags) != 1 { // the unreachable end
		t.Errorf("diags %v", render(diags))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("parsing took %v", d)
	}
	// Thousands of EL expressions on one line, all to be positioned.
	body = `<start to="k"/><kill name="k"><message>` + strings.Repeat("${wf:id()}", (xmlfront.MaxWorkflowLength-200)/10) + `</message></kill><end name="end"/>`
	start = time.Now()
	Compile("wf.xml", []byte(app("0.5", body)))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("parsing many expressions took %v", d)
	}
}
