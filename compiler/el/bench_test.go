package el

import (
	"testing"

	"github.com/coordc/coordc/compiler/ir"
)

const benchTemplate = "${coord:formatTime(coord:dateOffset(coord:nominalTime(), -1, 'DAY'), 'yyyyMMdd')}"

func BenchmarkParseTemplate(b *testing.B) {
	src := plain(benchTemplate)
	for b.Loop() {
		ParseTemplate(src)
	}
}

func BenchmarkEvalTemplate(b *testing.B) {
	tmpl, _ := ParseTemplate(plain(benchTemplate))
	env := &Env{Group: "coord-action-start", Funcs: map[string]Func{
		"coord:nominalTime": func(*ir.Call, []Value) (Value, error) { return "2009-09-08T23:59Z", nil },
		"coord:formatTime":  func(_ *ir.Call, args []Value) (Value, error) { return args[0].(string)[:10], nil },
	}}
	for b.Loop() {
		if _, _, d := EvalTemplate(tmpl, env); d.HasErrors() {
			b.Fatal(d.Error())
		}
	}
}

func BenchmarkEvalURITemplate(b *testing.B) {
	tmpl, _ := ParseTemplate(plain("${nameNode}/data/${YEAR}/${MONTH}"))
	env := &Env{Group: "coord-job-submit-nofuncs", Vars: vars(map[string]Value{"nameNode": "hdfs://nn:8020"})}
	for b.Loop() {
		if _, _, d := EvalTemplate(tmpl, env); d.HasErrors() {
			b.Fatal(d.Error())
		}
	}
}
