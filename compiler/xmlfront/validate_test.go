package xmlfront

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
)

const (
	minimalAction = `<action><workflow><app-path>hdfs://app</app-path></workflow></action>`
	appAttrs      = `name="c" frequency="60" start="2009-01-01T00:00Z" end="2009-01-02T00:00Z" timezone="UTC"`
	goodDataset   = `<dataset name="ds" frequency="60" initial-instance="2009-01-01T00:00Z" timezone="UTC"><uri-template>u</uri-template></dataset>`
)

// coord wraps body in a coordinator-app of schema version v.
func coord(v, body string) string {
	return fmt.Sprintf(`<coordinator-app xmlns="uri:oozie:coordinator:%s" %s>%s</coordinator-app>`, v, appAttrs, body)
}

func bundle(v, body string) string {
	return fmt.Sprintf(`<bundle-app xmlns="uri:oozie:bundle:%s" name="b">%s</bundle-app>`, v, body)
}

// summaries returns "CODE Summary" of the diagnostics of severity sev.
func summaries(diags hcl.Diagnostics, sev hcl.DiagnosticSeverity) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == sev {
			out = append(out, string(diag.CodeOf(d))+" "+d.Summary)
		}
	}
	return out
}

type schemaCase struct {
	name     string
	in       string
	errors   []string // "CODE Summary" in diagnostic order
	warnings []string
	at       string // "line:col" of the first error, when checked
}

func runSchemaCases(t *testing.T, cases []schemaCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("t.xml", []byte(tt.in))
			checkRanges(t, tt.name, []byte(tt.in), diags)
			if diff := cmp.Diff(tt.errors, summaries(diags, hcl.DiagError)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, summaries(diags, hcl.DiagWarning)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if tt.at != "" && len(diags) > 0 {
				s := diags[0].Subject.Start
				if got := fmt.Sprintf("%d:%d", s.Line, s.Column); got != tt.at {
					t.Errorf("first diagnostic at %s, want %s", got, tt.at)
				}
			}
		})
	}
}

func TestCoordinatorAcceptedPerVersion(t *testing.T) {
	var cases []schemaCase
	for _, ver := range coordVersions {
		v := string(ver)
		cases = append(cases,
			schemaCase{name: v + "/minimal", in: coord(v, minimalAction)},
			schemaCase{name: v + "/full", in: coord(v, `<controls><timeout>10</timeout><concurrency>1</concurrency><execution>FIFO</execution></controls>`+
				`<datasets><include>hdfs://ds.xml</include>`+goodDataset+
				`<async-dataset name="as" sequence-type="t" initial-version="1"><uri-template>u</uri-template></async-dataset></datasets>`+
				`<input-events><data-in name="i1" dataset="ds"><instance>${coord:current(0)}</instance><instance>${coord:current(-1)}</instance></data-in>`+
				`<data-in name="i2" dataset="ds"><start-instance>${coord:current(-2)}</start-instance><end-instance>${coord:current(0)}</end-instance></data-in></input-events>`+
				`<output-events><data-out name="o" dataset="ds"><instance>${coord:current(0)}</instance></data-out></output-events>`+
				`<action><workflow><app-path>p</app-path><configuration><property><name>k</name><value>v</value><description>d</description></property></configuration></workflow>`+
				`<sla:info xmlns:sla="uri:oozie:sla:0.1"><sla:app-name>a</sla:app-name><sla:nominal-time>n</sla:nominal-time><sla:should-start>1</sla:should-start>`+
				`<sla:should-end>2</sla:should-end><sla:alert-contact>a</sla:alert-contact><sla:dev-contact>d</sla:dev-contact><sla:qa-contact>q</sla:qa-contact>`+
				`<sla:se-contact>s</sla:se-contact></sla:info></action>`)},
		)
	}
	cases = append(cases,
		schemaCase{name: "0.2/throttle", in: coord("0.2", `<controls><execution>LIFO</execution><throttle>3</throttle></controls>`+minimalAction)},
		schemaCase{name: "0.4/parameters and nocleanup", in: coord("0.4", `<parameters><property><name>p</name></property></parameters><datasets>`+goodDataset+
			`</datasets><output-events><data-out name="o" dataset="ds" nocleanup=" true "><instance>x</instance></data-out></output-events>`+minimalAction)},
		schemaCase{name: "0.4/sla 0.2", in: coord("0.4", `<action><workflow><app-path>p</app-path></workflow><sla:info xmlns:sla="uri:oozie:sla:0.2">`+
			`<sla:nominal-time>n</sla:nominal-time><sla:should-end>5</sla:should-end></sla:info></action>`)},
		schemaCase{name: "0.5/input-logic", in: coord("0.5", `<input-events><data-in name="A" dataset="a"><instance>x</instance></data-in></input-events>`+
			`<input-logic><or name="x" min="1"><and><data-in dataset="A" wait="10"/></and><combine><data-in dataset="A"/><data-in dataset="B"/></combine><combine/></or></input-logic>`+minimalAction)},
		schemaCase{name: "0.5/input-events logic", in: coord("0.5", `<input-events><and><data-in dataset="A"/><or><data-in dataset="B"/></or></and></input-events>`+minimalAction)},
		schemaCase{name: "0.5/empty input-events", in: coord("0.5", `<input-events/>`+minimalAction)},
		schemaCase{name: "xsi attribute", in: strings.Replace(coord("0.2", minimalAction), "<coordinator-app ",
			`<coordinator-app xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y" `, 1)},
		schemaCase{name: "internal attributes", in: strings.Replace(coord("0.2", `<datasets><dataset name="d" frequency="1" initial-instance="i" timezone="z" freq_timeunit="DAY"><uri-template>u</uri-template></dataset></datasets>`+minimalAction),
			` name="c"`, ` name="c" end_of_duration="NONE"`, 1),
			warnings: []string{`XML001 Attribute "end_of_duration" is internal to Oozie`, `XML001 Attribute "freq_timeunit" is internal to Oozie`}},
		schemaCase{name: "namespace whitespace", in: strings.Replace(coord("0.4", minimalAction), `"uri:oozie:coordinator:0.4"`, `"  uri:oozie:coordinator:0.4 "`, 1),
			warnings: []string{`XML002 Namespace "  uri:oozie:coordinator:0.4 " has leading or trailing whitespace`}, at: "1:25"},
	)
	runSchemaCases(t, cases)
}

func TestCoordinatorRejected(t *testing.T) {
	runSchemaCases(t, []schemaCase{
		{name: "throttle in 0.1", in: coord("0.1", `<controls><throttle>1</throttle></controls>`+minimalAction),
			errors: []string{`E0701 Element "throttle" is not allowed in coordinator schema 0.1 (added in 0.2)`}, at: "1:151"},
		{name: "parameters in 0.3", in: coord("0.3", `<parameters><property><name>p</name></property></parameters>`+minimalAction),
			errors: []string{`E0701 Element "parameters" is not allowed in coordinator schema 0.3 (added in 0.4)`}},
		{name: "input-logic in 0.4", in: coord("0.4", `<input-logic><data-in dataset="A"/></input-logic>`+minimalAction),
			errors: []string{`E0701 Element "input-logic" is not allowed in coordinator schema 0.4 (added in 0.5)`}},
		{name: "and in input-events 0.4", in: coord("0.4", `<input-events><and><data-in dataset="A"/></and></input-events>`+minimalAction),
			errors: []string{`E0701 Missing required element <data-in> in <input-events>`, `E0701 Element "and" is not allowed in coordinator schema 0.4 (added in 0.5)`}},
		{name: "nocleanup in 0.3", in: coord("0.3", `<output-events><data-out name="o" dataset="d" nocleanup="true"><instance>x</instance></data-out></output-events>`+minimalAction),
			errors: []string{`E0701 Attribute "nocleanup" is not allowed in coordinator schema 0.3 (added in 0.4)`}},
		{name: "nocleanup not boolean", in: coord("0.4", `<output-events><data-out name="o" dataset="d" nocleanup="yes"><instance>x</instance></data-out></output-events>`+minimalAction),
			errors: []string{`E0701 Attribute "nocleanup" = "yes" is not a valid boolean (use true, false, 1 or 0)`}},
		{name: "missing frequency", in: strings.Replace(coord("0.2", minimalAction), ` frequency="60"`, "", 1),
			errors: []string{`E0701 Missing required attribute "frequency" on <coordinator-app>`}, at: "1:1"},
		{name: "order", in: coord("0.2", `<controls><throttle>1</throttle><execution>FIFO</execution></controls>`+minimalAction),
			errors: []string{`E0701 Element <execution> must come before <throttle>`}},
		{name: "second instance in data-out", in: coord("0.2", `<output-events><data-out name="o" dataset="d"><instance>a</instance><instance>b</instance></data-out></output-events>`+minimalAction),
			errors: []string{`E0701 <data-out> allows exactly one <instance>`}},
		{name: "unknown element", in: coord("0.2", `<input-events><data-in name="i" dataset="d"><instance>a</instance><uris>x</uris></data-in></input-events>`+minimalAction),
			errors: []string{`E0701 Unknown element <uris> in <data-in>`}},
		{name: "identifier", in: coord("0.2", `<datasets><dataset name="1abc" frequency="1" initial-instance="i" timezone="z"><uri-template>u</uri-template></dataset></datasets>`+minimalAction),
			errors: []string{`E0701 Attribute "name" = "1abc" is not a valid identifier (must start with a letter; letters, digits, - and _ only)`}},
		{name: "EL in identifier", in: coord("0.2", `<input-events><data-in name="${n}" dataset="d"><instance>a</instance></data-in></input-events>`+minimalAction),
			errors: []string{`E0701 Attribute "name" = "${n}" is not a valid identifier (must start with a letter; letters, digits, - and _ only)`}},
		{name: "missing action", in: coord("0.2", ``),
			errors: []string{`E0701 Missing required element <action> in <coordinator-app>`}},
		{name: "missing uri-template", in: coord("0.2", `<datasets><dataset name="d" frequency="1" initial-instance="i" timezone="z"><done-flag/></dataset></datasets>`+minimalAction),
			errors: []string{`E0701 Missing required element <uri-template> in <dataset>`}},
		{name: "instance and range mixed", in: coord("0.2", `<input-events><data-in name="i" dataset="d"><instance>a</instance><start-instance>b</start-instance></data-in></input-events>`+minimalAction),
			errors: []string{`E0701 Element <start-instance> cannot be combined with <instance> in <data-in>`}},
		{name: "empty data-in", in: coord("0.2", `<input-events><data-in name="i" dataset="d"></data-in></input-events>`+minimalAction),
			errors: []string{`E0701 <data-in> needs <instance> or <start-instance> and <end-instance>`}},
		{name: "range without end", in: coord("0.2", `<input-events><data-in name="i" dataset="d"><start-instance>a</start-instance></data-in></input-events>`+minimalAction),
			errors: []string{`E0701 Missing required element <end-instance> in <data-in>`}},
		{name: "combine of one", in: coord("0.5", `<input-logic><combine><data-in dataset="A"/></combine></input-logic>`+minimalAction),
			errors: []string{`E0701 <combine> needs at least 2 <data-in> elements, found 1`}},
		{name: "logic data-in without dataset", in: coord("0.5", `<input-logic><data-in name="x"/></input-logic>`+minimalAction),
			errors: []string{`E0701 Missing required attribute "dataset" on <data-in>`}},
		{name: "two ands in input-events", in: coord("0.5", `<input-events><and/><and/></input-events>`+minimalAction),
			errors: []string{`E0701 <input-events> allows at most one <and>`}},
		{name: "text in element-only content", in: coord("0.5", `<input-logic>=input-logic=</input-logic>`+minimalAction),
			errors: []string{`E0701 Text "=input-logic=" is not allowed in <input-logic>`}},
		{name: "element in text content", in: coord("0.2", `<action><workflow><app-path>a<b/></app-path></workflow></action>`),
			errors: []string{`E0701 Element <b> is not allowed in <app-path>, which holds text only`}},
		{name: "unknown attribute", in: coord("0.2", `<datasets><dataset name="d" frequency="1" initial-instance="i" timezone="z" timezon="x"><uri-template>u</uri-template></dataset></datasets>`+minimalAction),
			errors: []string{`E0701 Unknown attribute "timezon" on <dataset>`}},
		{name: "empty configuration", in: coord("0.2", `<action><workflow><app-path>a</app-path><configuration/></workflow></action>`),
			errors: []string{`E0701 Missing required element <property> in <configuration>`}},
		{name: "configuration value required", in: coord("0.4", `<action><workflow><app-path>a</app-path><configuration><property><name>n</name></property></configuration></workflow></action>`),
			errors: []string{`E0701 Missing required element <value> in <property>`}},
		{name: "child without namespace", in: coord("0.2", `<action xmlns=""><workflow><app-path>a</app-path></workflow></action>`),
			errors: []string{`E0701 Missing required element <action> in <coordinator-app>`, `E0701 Element <action> has no namespace; it must be in "uri:oozie:coordinator:0.2"`}},
		{name: "sla 0.2 in 0.3", in: coord("0.3", `<action><workflow><app-path>p</app-path></workflow><sla:info xmlns:sla="uri:oozie:sla:0.2"><sla:nominal-time>n</sla:nominal-time><sla:should-end>5</sla:should-end></sla:info></action>`),
			errors: []string{`E0701 SLA schema 0.2 is not allowed in coordinator schema 0.3`}},
		{name: "sla 0.1 missing fields", in: coord("0.2", `<action><workflow><app-path>p</app-path></workflow><sla:info xmlns:sla="uri:oozie:sla:0.1"><sla:nominal-time>n</sla:nominal-time></sla:info></action>`),
			errors: []string{
				`E0701 Missing required element <alert-contact> in <sla:info>`, `E0701 Missing required element <app-name> in <sla:info>`,
				`E0701 Missing required element <dev-contact> in <sla:info>`, `E0701 Missing required element <qa-contact> in <sla:info>`,
				`E0701 Missing required element <se-contact> in <sla:info>`, `E0701 Missing required element <should-end> in <sla:info>`,
				`E0701 Missing required element <should-start> in <sla:info>`}},
		{name: "sla before workflow", in: coord("0.4", `<action><sla:info xmlns:sla="uri:oozie:sla:0.2"><sla:nominal-time>n</sla:nominal-time><sla:should-end>5</sla:should-end></sla:info><workflow><app-path>p</app-path></workflow></action>`),
			errors: []string{`E0701 Missing required element <workflow> in <action>`, `E0701 Element <workflow> must come before <sla:info>`}},
		{name: "no namespace", in: `<coordinator-app ` + appAttrs + `>` + minimalAction + `</coordinator-app>`,
			errors: []string{`E0701 The application XML namespace is not given`}, at: "1:1"},
		{name: "unknown namespace", in: strings.Replace(coord("0.5", minimalAction), "coordinator:0.5", "coordinator::0.5", 1),
			errors: []string{`E0701 Unknown namespace "uri:oozie:coordinator::0.5" for <coordinator-app>`}, at: "1:25"},
		{name: "unknown root", in: `<workflow-app xmlns="uri:oozie:workflow:0.5" name="w"/>`,
			errors: []string{`E0701 Unknown root element <workflow-app>`}},
	})
}

func TestBundleAndDatasets(t *testing.T) {
	coordEntry := `<coordinator name="c1"><app-path>p</app-path></coordinator>`
	runSchemaCases(t, []schemaCase{
		{name: "bundle 0.1", in: bundle("0.1", `<controls><kick-off-time>2009-01-01T00:00Z</kick-off-time></controls>`+coordEntry)},
		{name: "bundle 0.2", in: bundle("0.2", `<parameters><property><name>a</name><value>b</value></property></parameters>`+
			`<coordinator name="any name" critical="true" enabled="${e}"><app-path>p</app-path><configuration><property><name>k</name><value>v</value></property></configuration></coordinator>`)},
		{name: "bundle 0.1 name not identifier", in: bundle("0.1", `<coordinator name="any name"><app-path>p</app-path></coordinator>`),
			errors: []string{`E0701 Attribute "name" = "any name" is not a valid identifier (must start with a letter; letters, digits, - and _ only)`}},
		{name: "bundle 0.1 enabled", in: bundle("0.1", `<coordinator name="c" enabled="true"><app-path>p</app-path></coordinator>`),
			errors: []string{`E0701 Attribute "enabled" is not allowed in bundle schema 0.1 (added in 0.2)`}},
		{name: "bundle 0.1 parameters", in: bundle("0.1", `<parameters><property><name>a</name></property></parameters>`+coordEntry),
			errors: []string{`E0701 Element "parameters" is not allowed in bundle schema 0.1 (added in 0.2)`}},
		{name: "bundle without coordinator", in: bundle("0.2", `<controls/>`),
			errors: []string{`E0701 Missing required element <coordinator> in <bundle-app>`}},
		{name: "bundle control typo", in: bundle("0.2", `<control/>`+coordEntry),
			errors: []string{`E0701 Unknown element <control> in <bundle-app>`}},
		{name: "bundle with coordinator namespace", in: `<bundle-app xmlns="uri:oozie:coordinator:0.2" name="b">` + coordEntry + `</bundle-app>`,
			errors: []string{`E0701 Unknown namespace "uri:oozie:coordinator:0.2" for <bundle-app>`}},
		{name: "datasets file", in: `<datasets><include>x</include>` + goodDataset + `</datasets>`},
		{name: "datasets file with namespace", in: `<datasets xmlns="uri:oozie:coordinator:0.4">` + goodDataset + `</datasets>`,
			warnings: []string{`XML003 Oozie does not see datasets in namespace "uri:oozie:coordinator:0.4" of an included file`}},
		{name: "datasets file typo", in: `<datasets><dataset name="d" frequency="1" initial-instance="i" timezone="z"><url-template>u</url-template></dataset></datasets>`,
			errors: []string{`E0701 Missing required element <uri-template> in <dataset>`, `E0701 Unknown element <url-template> in <dataset>`}},
	})
}

func TestMalformed(t *testing.T) {
	deep := strings.Repeat("<a>", MaxDepth+1) + strings.Repeat("</a>", MaxDepth+1)
	runSchemaCases(t, []schemaCase{
		{name: "doctype", in: `<!DOCTYPE a [<!ENTITY x "y">]><a/>`,
			errors: []string{`E0700 DOCTYPE and other declarations are not allowed`}, at: "1:1"},
		{name: "unclosed", in: "<a>\n<b>",
			errors: []string{`E0700 Malformed XML: element <b> is not closed`}},
		{name: "mismatched end tag", in: "<a>\n  <b></c></a>",
			errors: []string{`E0700 Malformed XML: element <b> closed by </c>`}, at: "2:9"},
		{name: "two roots", in: `<a/><b/>`,
			errors: []string{`E0700 Only one root element is allowed`}, at: "1:5"},
		{name: "text before root", in: "oops\n<a/>",
			errors: []string{`E0700 Text is not allowed outside the root element`}, at: "1:1"},
		{name: "invalid utf-8", in: "<a>\n é\xff</a>",
			errors: []string{`E0700 Invalid UTF-8 at byte 7`}, at: "2:3"},
		{name: "too deep", in: deep,
			errors: []string{fmt.Sprintf(`E0700 Elements are nested more than %d levels deep`, MaxDepth)}, at: fmt.Sprintf("1:%d", 3*MaxDepth+1)},
		{name: "duplicate attribute", in: `<a x="1" x="2"/>`,
			errors: []string{`E0700 Attribute "x" appears twice on <a>`}, at: "1:10"},
		{name: "undeclared prefix", in: `<sla:info/>`,
			errors: []string{`E0700 Namespace prefix "sla" of <sla:info> is not declared`}, at: "1:2"},
		{name: "unknown entity", in: `<a x="&foo;"/>`,
			errors: []string{`E0700 Malformed XML: invalid character entity &foo;`}},
		{name: "lt in attribute", in: `<a x="a<b"/>`,
			errors: []string{`E0700 Malformed XML: unescaped < inside quoted string`}},
		{name: "empty", in: "",
			errors: []string{`E0700 The file has no root element`}},
		{name: "latin1 declared, ascii content", in: `<?xml version="1.0" encoding="ISO-8859-1"?><datasets/>`},
	})
}

func TestMaxFileSize(t *testing.T) {
	f, diags := Parse("big.xml", make([]byte, MaxFileSize+1))
	if f != nil {
		t.Error("got a File for oversized input")
	}
	if diff := cmp.Diff([]string{"E0700 File is larger than 16 MiB"}, summaries(diags, hcl.DiagError)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
