package wfapp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// app wraps nodes in a workflow-app of the version.
func app(version, nodes string) string {
	return `<workflow-app name="w" xmlns="uri:oozie:workflow:` + version + `">` + "\n" + nodes + "\n</workflow-app>\n"
}

// shellAction is an action node running true.
func shellAction(name, ok, errTo string) string {
	return fmt.Sprintf(`<action name="%s"><shell xmlns="uri:oozie:shell-action:0.3"><exec>true</exec></shell><ok to="%s"/><error to="%s"/></action>`, name, ok, errTo)
}

// render formats diagnostics as "line:col severity code summary".
func render(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%d:%d %s %s %s", d.Subject.Start.Line, d.Subject.Start.Column,
			diag.SeverityName(d.Severity), diag.CodeOf(d), d.Summary))
	}
	return out
}

func TestCompileVersions(t *testing.T) {
	for _, v := range []ir.Version{"0.1", "0.2", "0.2.5", "0.3", "0.4", "0.4.5", "0.5", "1.0"} {
		src := app(string(v), `<start to="end"/><end name="end"/>`)
		w, diags := Compile("wf.xml", []byte(src))
		if w == nil || len(diags) > 0 {
			t.Errorf("version %s: %v", v, render(diags))
			continue
		}
		if w.Version != v || w.Name != "w" || len(w.Nodes) != 2 {
			t.Errorf("version %s: %+v", v, w)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	kill := `<kill name="k"><message>m</message></kill>`
	tests := []struct {
		name, src string
		want      []string
	}{
		{"retry attributes before 0.3", app("0.2", `<start to="a"/>`+strings.Replace(shellAction("a", "end", "end"), `name="a"`, `name="a" retry-max="2"`, 1)+`<end name="end"/>`),
			[]string{`2:33 error E0701 Attribute "retry-max" is not allowed in workflow schema 0.2 (added in 0.3)`}},
		{"parameters before 0.4", app("0.3", `<parameters><property><name>x</name></property></parameters><start to="end"/><end name="end"/>`),
			[]string{`2:1 error E0701 Element "parameters" is not allowed in workflow schema 0.3 (added in 0.4)`}},
		{"touchz before 0.4", app("0.3", `<start to="a"/><action name="a"><fs><touchz path="/x"/></fs><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:37 error E0701 Element "touchz" is not allowed in workflow schema 0.3 (added in 0.4)`}},
		{"hive action", app("0.5", `<start to="h"/><action name="h"><hive xmlns="uri:oozie:hive-action:0.5"><script>q.sql</script></hive><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:33 error E0723 Unsupported action type, node [h] type [hive] (namespace "uri:oozie:hive-action:0.5")`}},
		{"map-reduce action", app("0.4", `<start to="m"/><action name="m"><map-reduce/><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:33 error E0723 Unsupported action type, node [m] type [map-reduce]`}},
		{"chgrp", app("0.5", `<start to="a"/><action name="a"><fs><chgrp path="/x" group="g"/></fs><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:37 error E0723 The fs operation chgrp is not supported`}},
		{"unknown shell version", app("0.5", `<start to="a"/><action name="a"><shell xmlns="uri:oozie:shell-action:0.9"><exec>x</exec></shell><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:33 error E0701 Unknown shell action namespace "uri:oozie:shell-action:0.9"`}},
		{"shell 0.1 needs job-tracker", app("0.5", `<start to="a"/><action name="a"><shell xmlns="uri:oozie:shell-action:0.1"><exec>x</exec></shell><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:33 error E0701 Missing required element <job-tracker> in <shell>`, `2:33 error E0701 Missing required element <name-node> in <shell>`}},
		{"invalid transition", app("0.5", `<start to="a"/>`+shellAction("a", "edn", "k")+kill+`<end name="end"/>`),
			[]string{`2:108 error E0708 Invalid transition, node [a] transition [edn]`}},
		{"self transition", app("0.5", `<start to="a"/>`+shellAction("a", "a", "k")+kill+`<end name="end"/>`),
			[]string{`2:108 error E0706 Node cannot transition to itself node [a]`}},
		{"loop", app("0.5", `<start to="a"/>`+shellAction("a", "b", "k")+shellAction("b", "a", "end")+kill+`<end name="end"/>`),
			[]string{`2:228 error E0707 Loop detected at parsing, node [a]`}},
		{"duplicate node", app("0.5", `<start to="a"/>`+shellAction("a", "end", "k")+shellAction("a", "end", "k")+kill+`<end name="end"/>`),
			[]string{`2:138 error E0705 Node "a" is already defined`}},
		{"invalid node name", app("0.5", `<start to="end"/><kill name="9k"><message>m</message></kill><end name="end"/>`),
			[]string{`2:30 error E0701 Invalid node name "9k"`}},
		{"fork paths to two joins", app("0.5", `<start to="f"/><fork name="f"><path start="a"/><path start="b"/></fork>`+
			shellAction("a", "j1", "k")+shellAction("b", "j2", "k")+`<join name="j1" to="end"/><join name="j2" to="end"/>`+kill+`<end name="end"/>`),
			[]string{`2:61 error E0732 Fork [f]/Join [j2] not in pair (join should have been [j1])`}},
		{"fork path to end", app("0.5", `<start to="f"/><fork name="f"><path start="a"/><path start="b"/></fork>`+
			shellAction("a", "j", "k")+shellAction("b", "end", "k")+`<join name="j" to="end"/>`+kill+`<end name="end"/>`),
			[]string{`2:284 error E0737 Invalid transition from node [b] to node [end] -- nodes of type 'end' are not allowed within Fork/Join`}},
		{"join without fork", app("0.5", `<start to="j"/><join name="j" to="end"/><end name="end"/>`),
			[]string{`2:16 error E0742 No Fork for Join [j] to pair with`}},
		{"fork with one path", app("0.5", `<start to="f"/><fork name="f"><path start="end"/></fork><end name="end"/>`),
			[]string{`2:16 error E0701 <fork> needs at least 2 <path> elements, found 1`}},
		{"end not reachable", app("0.5", `<start to="k"/>`+kill+`<end name="end"/>`),
			[]string{`2:58 error E0708 The end node [end] is not reachable`}},
		{"unknown EL function", app("0.5", `<start to="a"/><action name="a"><shell xmlns="uri:oozie:shell-action:0.3"><exec>a&amp;${coord:current(0)}</exec></shell><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:89 error EL002 Unknown EL function coord:current in a workflow`}},
		{"EL arity", app("0.5", `<start to="d"/><decision name="d"><switch><case to="end">${wf:conf()}</case><default to="end"/></switch></decision><end name="end"/>`),
			[]string{`2:60 error EL003 Wrong number of arguments for wf:conf`}},
		{"EL syntax", app("0.5", `<start to="k"/><kill name="k"><message>${1 +}</message></kill><end name="end"/>`),
			nil}, // checked below: any E-error at the message
		{"retry-max over the system maximum", app("0.5", `<start to="a"/>`+strings.Replace(shellAction("a", "end", "end"), `name="a"`, `name="a" retry-max="5"`, 1)+`<end name="end"/>`),
			[]string{`2:44 warning E0820 Action user retry max [5] is over the system maximum [3]`}},
		{"unreachable node", app("0.5", `<start to="end"/>`+kill+`<end name="end"/>`),
			[]string{`2:18 warning WF001 Node [k] is not reachable from the start node`}},
		{"malformed XML", app("0.5", `<start to="end"><end name="end"/>`),
			[]string{`3:15 error E0700 Malformed XML: element <start> closed by </workflow-app>`}},
		{"wrong namespace", `<workflow-app name="w" xmlns="uri:oozie:coordinator:0.4"/>`,
			[]string{`1:1 error E0701 The root element <workflow-app> in namespace "uri:oozie:coordinator:0.4" is not an Oozie workflow`}},
		{"DOCTYPE", `<!DOCTYPE x [<!ENTITY a "b">]>` + app("0.5", ``),
			[]string{`1:1 error E0700 DOCTYPE and other declarations are not allowed`}},
	}
	for _, tt := range tests {
		w, diags := Compile("wf.xml", []byte(tt.src))
		if tt.want == nil {
			if w != nil || !diags.HasErrors() || diags[0].Subject.Start.Line != 2 {
				t.Errorf("%s: %v", tt.name, render(diags))
			}
			continue
		}
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if (w == nil) != diags.HasErrors() {
			t.Errorf("%s: workflow %v with errors %v", tt.name, w != nil, diags.HasErrors())
		}
	}
}

// fixtures is testdata/workflows at the module root.
var fixtures = filepath.Join("..", "..", "testdata", "workflows")

// TestCompileFixtures compiles every fixture of testdata/workflows.
func TestCompileFixtures(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*", "workflow.xml"))
	if len(paths) < 5 {
		t.Fatalf("found %d fixtures", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if w, diags := Compile(p, data); w == nil || len(diags) > 0 {
			t.Errorf("%s: %v", p, render(diags))
		}
	}
}

func TestCompileTooLong(t *testing.T) {
	src := app("0.5", `<start to="end"/><end name="end"/>`+strings.Repeat("<!-- padding -->", xmlfront.MaxWorkflowLength/16))
	_, diags := Compile("wf.xml", []byte(src))
	if got := render(diags); len(got) != 1 || !strings.Contains(got[0], "E0736") {
		t.Errorf("diags = %v", got)
	}
}

// TestSchema10 checks what workflow 1.0 and shell 1.0 add (resource-manager
// instead of job-tracker, launcher settings) and remove (skip-trash).
func TestSchema10(t *testing.T) {
	shell10 := `<start to="a"/><action name="a"><shell xmlns="uri:oozie:shell-action:1.0"><resource-manager>rm</resource-manager>` +
		`<name-node>nn</name-node><launcher><memory.mb>512</memory.mb><queue>q</queue></launcher><exec>true</exec></shell>` +
		`<ok to="end"/><error to="end"/></action><end name="end"/>`
	tests := []struct {
		name, src string
		want      []string
	}{
		{"global and shell 1.0", app("1.0", `<global><resource-manager>rm</resource-manager><launcher><vcores>2</vcores></launcher></global>`+shell10), nil},
		{"resource-manager in 0.5", app("0.5", `<global><resource-manager>rm</resource-manager></global><start to="end"/><end name="end"/>`),
			[]string{`2:9 error E0701 Unknown element <resource-manager> in <global>`}},
		{"job-tracker and resource-manager", app("1.0", `<global><job-tracker>j</job-tracker><resource-manager>rm</resource-manager></global><start to="end"/><end name="end"/>`),
			[]string{`2:37 error E0701 <global> allows at most one <resource-manager>`}},
		{"skip-trash in 1.0", app("1.0", `<start to="a"/><action name="a"><fs><delete path="/x" skip-trash="true"/></fs><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:55 error E0701 Unknown attribute "skip-trash" on <delete>`}},
		{"skip-trash in 0.5", app("0.5", `<start to="a"/><action name="a"><fs><delete path="/x" skip-trash="true"/></fs><ok to="end"/><error to="end"/></action><end name="end"/>`), nil},
		{"skip-trash in 0.4", app("0.4", `<start to="a"/><action name="a"><fs><delete path="/x" skip-trash="true"/></fs><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:55 error E0701 Attribute "skip-trash" is not allowed in workflow schema 0.4 (added in 0.4.5)`}},
		{"no action type", app("0.5", `<start to="a"/><action name="a"><ok to="end"/><error to="end"/></action><end name="end"/>`),
			[]string{`2:16 error E0701 Missing <fs> or <java> or <sub-workflow> or <map-reduce> or <pig> or an element of another namespace in <action>`}},
	}
	for _, tt := range tests {
		w, diags := Compile("wf.xml", []byte(tt.src))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if (w == nil) != diags.HasErrors() {
			t.Errorf("%s: workflow %v with errors %v", tt.name, w != nil, diags.HasErrors())
		}
	}
}

// TestUnsupportedTypes: every action type coordc does not run is E0723 at
// the type element, naming the type, with what coordc runs in the detail.
func TestUnsupportedTypes(t *testing.T) {
	for _, typ := range []struct{ name, elem string }{
		{"hive", `<hive xmlns="uri:oozie:hive-action:0.5"><script>q</script></hive>`},
		{"pig", `<pig><script>p</script></pig>`},
		{"spark", `<spark xmlns="uri:oozie:spark-action:1.0"><master>m</master></spark>`},
		{"sqoop", `<sqoop xmlns="uri:oozie:sqoop-action:0.4"><command>c</command></sqoop>`},
		{"map-reduce", `<map-reduce/>`},
		{"distcp", `<distcp xmlns="uri:oozie:distcp-action:0.2"><arg>a</arg></distcp>`},
		{"git", `<git xmlns="uri:oozie:git-action:1.0"><git-uri>u</git-uri></git>`},
	} {
		src := app("0.5", `<start to="a"/><action name="a">`+typ.elem+`<ok to="end"/><error to="end"/></action><end name="end"/>`)
		w, diags := Compile("wf.xml", []byte(src))
		if w != nil || len(diags) != 1 {
			t.Errorf("%s: %v", typ.name, render(diags))
			continue
		}
		d := diags[0]
		if got := render(diags)[0]; !strings.HasPrefix(got, "2:33 error E0723 Unsupported action type, node [a] type ["+typ.name+"]") {
			t.Errorf("%s: %s", typ.name, got)
		}
		if !strings.Contains(d.Detail, "coordc runs shell (uri:oozie:shell-action:0.1–1.0), fs, flink (uri:coordc:flink-action:0.1), flink-sql (uri:coordc:flink-sql-action:0.1), java, email (uri:oozie:email-action:0.1–0.2), ssh (uri:oozie:ssh-action:0.1–0.2) and sub-workflow actions only") {
			t.Errorf("%s: detail %q", typ.name, d.Detail)
		}
	}
}

// TestCheckOnly: with Options.CheckOnly (coordc lint), actions and
// operations coordc cannot run are not reported and do not stop the EL and
// graph checks; Compile still refuses them with E0723 only.
func TestCheckOnly(t *testing.T) {
	src := app("0.5", `<start to="h"/>`+
		`<action name="h"><hive xmlns="uri:oozie:hive-action:0.5"><script>q.sql</script></hive><ok to="c"/><error to="k"/></action>`+"\n"+
		`<action name="c"><fs><chgrp path="/x" group="g"/></fs><ok to="ende"/><error to="k"/></action>`+"\n"+
		`<kill name="k"><message>m</message></kill><end name="end"/>`)
	_, strict := Compile("wf.xml", []byte(src))
	if diff := cmp.Diff([]string{
		`2:33 error E0723 Unsupported action type, node [h] type [hive] (namespace "uri:oozie:hive-action:0.5")`,
		`3:22 error E0723 The fs operation chgrp is not supported`,
	}, render(strict)); diff != "" {
		t.Errorf("Compile (-want +got):\n%s", diff)
	}
	w, diags := CompileWith("wf.xml", []byte(src), Options{CheckOnly: true})
	got := render(diags)
	if w != nil || len(got) != 1 || got[0] != `3:63 error E0708 Invalid transition, node [c] transition [ende]` {
		t.Errorf("CheckOnly: %q", got)
	}
	// The EL is checked too.
	el := strings.NewReplacer(`<message>m</message>`, `<message>${wf:nosuch()}</message>`, `to="ende"`, `to="end"`).Replace(src)
	_, diags = CompileWith("wf.xml", []byte(el), Options{CheckOnly: true})
	if got := render(diags); len(got) != 1 || !strings.HasPrefix(got[0], "4:27 error EL002 Unknown EL function wf:nosuch") {
		t.Errorf("CheckOnly EL: %q", got)
	}
	// Fixed, the workflow passes: the hive node keeps its type, no body.
	fixed := strings.Replace(src, `to="ende"`, `to="end"`, 1)
	w, diags = CompileWith("wf.xml", []byte(fixed), Options{CheckOnly: true})
	if w == nil || len(diags) != 0 {
		t.Fatalf("fixed: %v", render(diags))
	}
	for _, n := range w.Nodes {
		if n.Name == "h" && (n.Type != "hive" || n.Action.Body != nil) {
			t.Errorf("hive node: type %q body %v", n.Type, n.Action.Body)
		}
	}
	if _, diags := Compile("wf.xml", []byte(fixed)); len(diags) != 2 {
		t.Errorf("Compile of the fixed workflow: %v", render(diags))
	}
}

// TestNamespaceWhitespace: Oozie does not recognize a namespace written
// with whitespace, so the workflow is refused (not accepted trimmed).
func TestNamespaceWhitespace(t *testing.T) {
	for _, src := range []string{
		`<workflow-app name="w" xmlns=" uri:oozie:workflow:0.5"><start to="end"/><end name="end"/></workflow-app>`,
		app("0.5", `<start to="a"/><action name="a"><shell xmlns="uri:oozie:shell-action:0.3 "><exec>true</exec></shell><ok to="end"/><error to="end"/></action><end name="end"/>`),
	} {
		w, diags := Compile("wf.xml", []byte(src))
		if w != nil || len(diags) != 1 || diag.CodeOf(diags[0]) != "E0701" || !strings.Contains(diags[0].Summary, "whitespace") {
			t.Errorf("%s: %v", src, render(diags))
		}
	}
}

// TestJavaSchema: the java action's content per workflow version.
func TestJavaSchema(t *testing.T) {
	action := func(v, java string) string {
		return app(v, `<start to="a"/><action name="a"><java>`+java+`</java><ok to="end"/><error to="end"/></action><end name="end"/>`)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"0.5 java-opt", action("0.5", `<main-class>M</main-class><java-opt>-Da</java-opt><java-opt>-Db</java-opt><arg>x</arg><capture-output/>`), nil},
		{"1.0 resource-manager", action("1.0", `<resource-manager>rm</resource-manager><main-class>M</main-class><java-opts>-Da -Db</java-opts>`), nil},
		{"0.2 needs job-tracker", action("0.2", `<main-class>M</main-class>`),
			[]string{`2:33 error E0701 Missing required element <job-tracker> in <java>`, `2:33 error E0701 Missing required element <name-node> in <java>`}},
		{"0.3 java-opt", action("0.3", `<job-tracker>j</job-tracker><name-node>n</name-node><main-class>M</main-class><java-opt>-Da</java-opt>`),
			[]string{`2:117 error E0701 Unknown element <java-opt> in <java>`}},
		{"mix", action("0.5", `<main-class>M</main-class><java-opts>-Da</java-opts><java-opt>-Db</java-opt>`),
			[]string{`2:91 error E0701 <java-opt> cannot follow <java-opts> or be mixed with <java-opt>`}},
		{"no main-class", action("0.5", `<arg>x</arg>`), []string{`2:33 error E0701 Missing required element <main-class> in <java>`}},
	}
	for _, tt := range tests {
		_, diags := Compile("wf.xml", []byte(tt.src))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestEmailSchema: the email action's content per version.
func TestEmailSchema(t *testing.T) {
	action := func(v, email string) string {
		return app("0.5", `<start to="a"/><action name="a"><email xmlns="uri:oozie:email-action:`+v+`">`+email+`</email><ok to="end"/><error to="end"/></action><end name="end"/>`)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"0.2 full", action("0.2", `<to>a@b</to><cc>c@d</cc><bcc>e@f</bcc><subject>s</subject><body>b</body><content_type>text/html</content_type><attachment>x</attachment>`), nil},
		{"0.1 bcc", action("0.1", `<to>a@b</to><bcc>e@f</bcc><subject>s</subject><body>b</body>`),
			[]string{`2:87 error E0701 Unknown element <bcc> in <email>`}},
		{"no subject", action("0.2", `<to>a@b</to><body>b</body>`), []string{`2:33 error E0701 Missing required element <subject> in <email>`}},
		{"unknown version", action("0.3", `<to>a@b</to>`), []string{`2:33 error E0701 Unknown email action namespace "uri:oozie:email-action:0.3"`}},
	}
	for _, tt := range tests {
		_, diags := Compile("wf.xml", []byte(tt.src))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestSSHSchema: the ssh action's content per version.
func TestSSHSchema(t *testing.T) {
	action := func(v, ssh string) string {
		return app("0.5", `<start to="a"/><action name="a"><ssh xmlns="uri:oozie:ssh-action:`+v+`">`+ssh+`</ssh><ok to="end"/><error to="end"/></action><end name="end"/>`)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"0.2 arg", action("0.2", `<host>u@h</host><command>c</command><arg>a b</arg><arg>c</arg><capture-output/>`), nil},
		{"0.1 args", action("0.1", `<host>u@h</host><command>c</command><args>a b</args>`), nil},
		{"0.1 arg", action("0.1", `<host>u@h</host><command>c</command><arg>a</arg>`), []string{`2:107 error E0701 Unknown element <arg> in <ssh>`}},
		{"mix", action("0.2", `<host>u@h</host><command>c</command><args>a</args><arg>b</arg>`), []string{`2:121 error E0701 <arg> cannot be mixed with <args>`}},
		{"no command", action("0.2", `<host>u@h</host>`), []string{`2:33 error E0701 Missing required element <command> in <ssh>`}},
	}
	for _, tt := range tests {
		_, diags := Compile("wf.xml", []byte(tt.src))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestRetryPolicyAttribute: retry-policy is workflow 0.5+, periodic or
// exponential.
func TestRetryPolicyAttribute(t *testing.T) {
	action := func(v, attrs string) string {
		return app(v, `<start to="a"/><action name="a" `+attrs+`><fs/><ok to="end"/><error to="end"/></action><end name="end"/>`)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"exponential", action("0.5", `retry-max="2" retry-policy="exponential"`), nil},
		{"periodic 1.0", action("1.0", `retry-policy="periodic"`), nil},
		{"0.4.5", action("0.4.5", `retry-policy="periodic"`), []string{`2:33 error E0701 Attribute "retry-policy" is not allowed in workflow schema 0.4.5 (added in 0.5)`}},
		{"invalid", action("0.5", `retry-policy="linear"`), []string{`2:47 error E0701 Invalid retry-policy "linear"`}},
	}
	for _, tt := range tests {
		w, diags := Compile("wf.xml", []byte(tt.src))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if w != nil && tt.name == "exponential" && w.Node("a").Action.RetryPolicy != "exponential" {
			t.Errorf("policy %q", w.Node("a").Action.RetryPolicy)
		}
	}
}

// TestCredentials: credentials are parsed and each is a WF002 warning
// (coordc does not obtain them); an action naming an undeclared one too.
func TestCredentials(t *testing.T) {
	src := app("0.5", `<credentials><credential name="hcat" type="hcat"><property><name>hcat.metastore.uri</name><value>thrift://m:9083</value></property></credential></credentials>`+
		`<start to="a"/><action name="a" cred="hcat,hive"><fs/><ok to="end"/><error to="end"/></action><end name="end"/>`)
	w, diags := Compile("wf.xml", []byte(src))
	want := []string{
		`2:32 warning WF002 Credential "hcat" of type "hcat" is not obtained by coordc`,
		`2:197 warning WF002 Action names the credential "hive", which the workflow does not declare`,
	}
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if w == nil || len(w.Credentials) != 1 || w.Credentials[0].Type != "hcat" || !cmp.Equal(w.Node("a").Action.Credentials, []string{"hcat", "hive"}) {
		t.Errorf("workflow %+v", w)
	}
}
