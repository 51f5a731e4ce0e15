package el

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

type vector struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Input struct {
		Group      string            `json:"el_group"`
		Expression string            `json:"expression"`
		Variables  map[string]string `json:"variables"`
		Declared   map[string]string `json:"declared"`
	} `json:"input"`
	Expected json.RawMessage `json:"expected"`
	Unsure   bool            `json:"unsure"`
}

// freqState is the caller-side frequency unit side channel of Oozie's
// ph1_coord_days & co: the function that ran last sets unit and end flag.
type freqState struct{ unit, endOf string }

func (s *freqState) funcs() map[string]Func {
	mk := func(unit, endOf string, factor int64) Func {
		return func(_ *ir.Call, args []Value) (Value, error) {
			n := args[0].(int64)
			if n <= 0 {
				return nil, fmt.Errorf("parameter [n] = [%d] must be greater than zero", n)
			}
			s.unit, s.endOf = unit, endOf
			return n * factor, nil
		}
	}
	return map[string]Func{
		"coord:minutes":     mk("MINUTE", "NONE", 1),
		"coord:hours":       mk("MINUTE", "NONE", 60),
		"coord:days":        mk("DAY", "NONE", 1),
		"coord:months":      mk("MONTH", "NONE", 1),
		"coord:endOfDays":   mk("DAY", "END_OF_DAY", 1),
		"coord:endOfWeeks":  mk("WEEK", "END_OF_WEEK", 1),
		"coord:endOfMonths": mk("MONTH", "END_OF_MONTH", 1),
	}
}

// submitGroups are the phase-1 groups whose vectors need only this package
// and caller stubs.
var submitGroups = map[string]bool{
	"coord-job-submit-freq": true, "coord-job-submit-nofuncs": true, "coord-job-submit-instances": true,
	"coord-job-submit-data": true, "coord-sla-submit": true, "coord-job-wait-timeout": true,
	"coord-job-submit-initial-instance": true,
}

func TestVectors(t *testing.T) {
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var doc struct{ Vectors []vector }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// Results must not depend on the host timezone.
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("host", -7*3600)
	ran := 0
	for _, v := range doc.Vectors {
		if v.Kind != "el" || !(submitGroups[v.Input.Group] || onlyBuiltins(v.Input.Expression)) {
			continue
		}
		ran++
		t.Run(v.ID, func(t *testing.T) { runVector(t, v) })
	}
	t.Logf("ran %d el vectors (submit groups, and built-in functions in any group)", ran)
	if ran < 30 {
		t.Errorf("only %d vectors ran", ran)
	}
}

// onlyBuiltins reports whether a template calls only built-in functions.
func onlyBuiltins(text string) bool {
	tmpl, diags := ParseTemplate(plain(text))
	calls, ok := 0, !diags.HasErrors()
	ir.WalkTemplate(tmpl, func(e ir.Expr) bool {
		if c, isCall := e.(*ir.Call); isCall {
			calls++
			ok = ok && builtins[c.QualifiedName()] != nil
		}
		return true
	})
	return ok && calls > 0
}

func runVector(t *testing.T, v vector) {
	fs := &freqState{}
	env := &Env{Group: v.Input.Group, Funcs: fs.funcs(), Vars: func(name string) (Value, bool) {
		s, ok := v.Input.Variables[name]
		return s, ok
	}}
	env.Funcs["coord:user"] = func(*ir.Call, []Value) (Value, error) { return v.Input.Variables["user.name"], nil }
	env.Funcs["coord:dataIn"] = func(c *ir.Call, args []Value) (Value, error) {
		if name := args[0].(string); v.Input.Declared[name] != "data-in" {
			return nil, fmt.Errorf("data_in_name %s is not valid", name)
		}
		return EchoText(c, args), nil
	}
	tmpl, diags := ParseTemplate(plain(v.Input.Expression))
	if diags.HasErrors() {
		t.Fatalf("parse: %s", diags.Error())
	}
	got, known, diags := EvalTemplate(tmpl, env)
	var want struct {
		Value    string `json:"value"`
		Unit     string `json:"timeunit"`
		EndOf    string `json:"end_of_duration"`
		Error    string `json:"error"`
		Plain    string
		IsString bool
	}
	if err := json.Unmarshal(v.Expected, &want.Plain); err == nil {
		want.IsString = true
	} else if err := json.Unmarshal(v.Expected, &want); err != nil {
		t.Fatalf("expected: %v", err)
	}
	switch {
	case want.Error != "":
		if !diags.HasErrors() {
			t.Fatalf("got %q, want error %q", got, want.Error)
		}
		d := diags[0]
		if strings.HasPrefix(want.Error, "function not available") {
			if diag.CodeOf(d) != CodeNotAllowed {
				t.Errorf("got %s %q, want %s", diag.CodeOf(d), d.Summary, CodeNotAllowed)
			}
		} else if !strings.Contains(d.Summary, want.Error) {
			t.Errorf("error %q does not contain %q", d.Summary, want.Error)
		}
	case diags.HasErrors():
		t.Fatalf("unexpected error: %s", diags.Error())
	case !known:
		t.Fatalf("result unknown")
	case want.IsString:
		if got != want.Plain {
			t.Errorf("got %q, want %q", got, want.Plain)
		}
	default:
		if got != want.Value || (want.Unit != "" && fs.unit != want.Unit) || (want.EndOf != "" && fs.endOf != want.EndOf) {
			t.Errorf("got %q unit %s end %s, want %q unit %s end %s", got, fs.unit, fs.endOf, want.Value, want.Unit, want.EndOf)
		}
	}
}
