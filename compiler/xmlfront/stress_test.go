package xmlfront

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputs parses large adversarial inputs; each must finish
// quickly (work is linear in the input, not quadratic).
func TestPathologicalInputs(t *testing.T) {
	const n = 50_000
	inputs := map[string]string{
		"entities on one line": `<datasets><include>` + strings.Repeat("&amp;", n) + `</include></datasets>`,
		"long attribute":       `<datasets><dataset name="` + strings.Repeat("a&lt;\t", n) + `"/></datasets>`,
		"misordered children": coord("0.2", `<controls>`+strings.Repeat("<timeout>1</timeout>", n)+
			`<throttle>1</throttle>`+strings.Repeat("<timeout>1</timeout>", n)+`</controls>`+minimalAction),
		"many attributes":   `<datasets ` + manyAttrs(n) + `/>`,
		"many comments":     `<datasets>` + strings.Repeat("<!--x-->", n) + `</datasets>`,
		"deep then shallow": strings.Repeat("<a>", MaxDepth) + strings.Repeat("</a>", MaxDepth),
	}
	for name, in := range inputs {
		start := time.Now()
		_, diags := Parse("big.xml", []byte(in))
		checkRanges(t, name, []byte(in), diags)
		t.Logf("%s: %d bytes, %d diagnostics, %v", name, len(in), len(diags), time.Since(start))
	}
}

func manyAttrs(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(" a")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(itoa(i))
		b.WriteString(`="v"`)
	}
	return b.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}
