package workflow

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// TestMapFormats pins the text of toJsonStr, toPropertiesStr and
// toConfigurationStr, written out by hand from Oozie's implementation
// (json-simple, Properties.store, JDOM's pretty print of a Hadoop
// Configuration, then XmlUtils.escapeCharsForXML), keys sorted.
func TestMapFormats(t *testing.T) {
	special := el.Map{"k": "q\"b\\s/n<&'\n\t\x01\x7f\u00a0\u2028é"}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"json empty", toJSONStr(el.Map{}), "{}"},
		{"json", toJSONStr(el.Map{"b": "x y", "a": "1"}), "{&quot;a&quot;:&quot;1&quot;,&quot;b&quot;:&quot;x y&quot;}"},
		{"json escaping", toJSONStr(special),
			`{&quot;k&quot;:&quot;q\&quot;b\\s\/n&lt;&amp;&#039;\n\t\u0001\u007F` + "\u00a0" + `\u2028é&quot;}`},
		{"properties empty", toPropertiesStr(el.Map{}, epoch), "#\n#Sun Mar 30 01:00:00 UTC 2025\n"},
		{"properties", toPropertiesStr(el.Map{"b": "2", "a": "1"}, epoch), "#\n#Sun Mar 30 01:00:00 UTC 2025\na=1\nb=2\n"},
		{"properties escaping", toPropertiesStr(el.Map{"a b=c": " x:y#z!\\ \t<'é", "k:!#": "v\r\nw"}, epoch),
			"#\n#Sun Mar 30 01:00:00 UTC 2025\n" + `a\ b\=c=\ x\:y\#z\!\\ \t&lt;&#039;é` + "\n" + `k\:\!\#=v\r\nw` + "\n"},
		{"configuration empty", toConfigurationStr(el.Map{}), "&lt;configuration /&gt;"},
		{"configuration", toConfigurationStr(el.Map{"b": "2", " a ": " x<&\r y ", "e": "  "}), strings.Join([]string{
			"&lt;configuration&gt;",
			"  &lt;property&gt;",
			"    &lt;name&gt;a&lt;/name&gt;",
			"    &lt;value&gt;x&amp;lt;&amp;amp;&amp;#xD; y&lt;/value&gt;",
			"  &lt;/property&gt;",
			"  &lt;property&gt;",
			"    &lt;name&gt;b&lt;/name&gt;",
			"    &lt;value&gt;2&lt;/value&gt;",
			"  &lt;/property&gt;",
			"  &lt;property&gt;",
			"    &lt;name&gt;e&lt;/name&gt;",
			"    &lt;value /&gt;",
			"  &lt;/property&gt;",
			"&lt;/configuration&gt;"}, "\r\n")},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, tt.got, tt.want)
		}
	}
	f := mapFunc("toJsonStr", toJSONStr)
	for _, bad := range []el.Value{"{a=1}", nil, int64(3)} {
		if _, err := f(&ir.Call{}, []el.Value{bad}); err == nil || !strings.HasPrefix(err.Error(), "toJsonStr takes a map such as wf:actionData('node'), not ") {
			t.Errorf("toJsonStr(%v): %v", bad, err)
		}
	}
}

// TestMapFunctionsInWorkflow: the functions work on wf:actionData through
// the evaluator, a map prints like Java's Map.toString, and misuse found
// only at run time is an EL error.
func TestMapFunctionsInWorkflow(t *testing.T) {
	tests := map[string]string{
		"${toJsonStr(wf:actionData('sh'))}":                             "{&quot;k&quot;:&quot;v&quot;,&quot;n&quot;:&quot;7&quot;}",
		"${toPropertiesStr(wf:actionData('zz'))}":                       "#\n#Sun Mar 30 01:00:00 UTC 2025\n",
		"${toJsonStr(true ? wf:actionData('sh') : a)}":                  "{&quot;k&quot;:&quot;v&quot;,&quot;n&quot;:&quot;7&quot;}",
		"${wf:actionData('sh')}|${wf:actionData('sh') == '{k=v, n=7}'}": "{k=v, n=7}|true",
	}
	for in, want := range tests {
		got, err := evalText(t, in)
		if err != "" || got != want {
			t.Errorf("%s = %q (%s), want %q", in, got, err, want)
		}
	}
	if _, err := evalText(t, "${toJsonStr(false ? wf:actionData('sh') : a)}"); err != `1:3 error EL006 Error in toJsonStr: toJsonStr takes a map such as wf:actionData('node'), not "1"` {
		t.Errorf("a string at run time: %s", err)
	}
	if _, err := evalText(t, "${wf:actionData('sh') + 1}"); !strings.Contains(err, "EL006") {
		t.Errorf("arithmetic on a map: %q", err)
	}
}
