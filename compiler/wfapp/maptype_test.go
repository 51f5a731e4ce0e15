package wfapp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMapArguments: toJsonStr, toPropertiesStr and toConfigurationStr take
// a map (catalog type "map"): wf:actionData and values not known before
// the run pass; literals, operators and functions of other result types
// are EL003 at the argument.
func TestMapArguments(t *testing.T) {
	msg := func(expr string) string {
		return app("0.5", `<start to="d"/><decision name="d"><switch><case to="end">${`+expr+`}</case><default to="end"/></switch></decision><end name="end"/>`)
	}
	tests := []struct {
		expr string
		want []string
	}{
		{`toJsonStr(wf:actionData('a'))`, nil},
		{`toPropertiesStr(x)`, nil},
		{`toConfigurationStr(true ? wf:actionData('a') : wf:actionData('b'))`, nil},
		{`toJsonStr('a=b')`, []string{`2:70 error EL003 Argument map of toJsonStr must be a map, not a string`}},
		{`toPropertiesStr(wf:conf('a'))`, []string{`2:76 error EL003 Argument map of toPropertiesStr must be a map, not a string`}},
		{`toConfigurationStr(1 + 2)`, []string{`2:79 error EL003 Argument map of toConfigurationStr must be a map, not a number`}},
		{`toJsonStr(fs:exists('/x'))`, []string{`2:70 error EL003 Argument map of toJsonStr must be a map, not a boolean`}},
		{`toJsonStr(null)`, []string{`2:70 error EL003 Argument map of toJsonStr must be a map, not null`}},
		{`toJsonStr()`, []string{`2:60 error EL003 Wrong number of arguments for toJsonStr`}},
	}
	for _, tt := range tests {
		_, diags := Compile("wf.xml", []byte(msg(tt.expr)))
		if diff := cmp.Diff(tt.want, render(diags)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.expr, diff)
		}
	}
}
