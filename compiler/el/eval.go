package el

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// Func implements one EL function. args are already converted to the
// declared parameter types (int → int64 within Java int range, string,
// datetime and timeunit → string, bool → bool, float/number → float64 or
// int64); for a function whose mode in the group is echo they are all
// strings, as Oozie's echo implementations take strings. An error becomes an
// EL006 diagnostic on the call.
type Func func(call *ir.Call, args []Value) (Value, error)

// Env is what an evaluation may use.
type Env struct {
	// Group is the catalog group (e.g. "coord-job-submit-freq"). It decides
	// which functions and constants exist and their modes. Empty means no
	// group: every catalog function is callable and treated as real.
	Group string
	// Vars resolves parameters and job properties; (nil, false) means
	// undefined. Group constants are resolved before Vars.
	Vars func(name string) (Value, bool)
	// UnknownVars makes undefined variables, and real functions without an
	// implementation, evaluate to Unknown instead of failing.
	UnknownVars bool
	// Funcs implements functions by qualified name ("coord:days"); an entry
	// replaces the catalog's default behaviour (echo text, dummy value or
	// built-in implementation). A function whose mode in Group is echo still
	// makes the whole result wrapped in "${ }", so an override should return
	// EchoText(call, args) after its own checks.
	Funcs map[string]Func
}

// maxEvalDepth bounds evaluation recursion for trees built by other front ends.
const maxEvalDepth = 10000

type evaluator struct {
	env   *Env
	wrap  bool // an echo function ran: Oozie wraps the whole result in ${ }
	depth int
}

// Eval evaluates a bare expression. When an echo function ran, the result
// is the text of the value wrapped in "${ }" (as EvalTemplate would give for
// "${expr}"). Evaluation stops at the first error.
func Eval(e ir.Expr, env *Env) (Value, hcl.Diagnostics) {
	ev := &evaluator{env: envOrEmpty(env)}
	v, d := ev.eval(e)
	if d != nil {
		return nil, hcl.Diagnostics{d}
	}
	if _, unknown := v.(Unknown); ev.wrap && !unknown {
		return "${" + ToString(v) + "}", nil
	}
	return v, nil
}

// EvalTemplate evaluates a template to text: literal parts as they are and
// expression values through ToString. Like Oozie's evalAndWrap, when any
// echo function ran the WHOLE text is wrapped once in "${ }": "/a/${coord:
// current(0)}" gives "${/a/coord:current(0)}". known is false, and s is "",
// when a part is Unknown.
func EvalTemplate(t *ir.Template, env *Env) (s string, known bool, diags hcl.Diagnostics) {
	ev := &evaluator{env: envOrEmpty(env)}
	var b strings.Builder
	known = true
	for _, p := range t.Parts {
		if p.Expr == nil {
			b.WriteString(p.Literal)
			continue
		}
		v, d := ev.eval(p.Expr)
		if d != nil {
			return "", false, hcl.Diagnostics{d}
		}
		if _, ok := v.(Unknown); ok {
			known = false
		}
		b.WriteString(ToString(v))
	}
	if !known {
		return "", false, nil
	}
	if ev.wrap {
		return "${" + b.String() + "}", true, nil
	}
	return b.String(), true, nil
}

func envOrEmpty(env *Env) *Env {
	if env == nil {
		return &Env{}
	}
	return env
}

func evalError(rng hcl.Range, code diag.Code, detail, format string, args ...any) *hcl.Diagnostic {
	d := diag.Errorf(rng, code, format, args...)
	d.Detail = detail
	return d
}

func (ev *evaluator) eval(e ir.Expr) (Value, *hcl.Diagnostic) {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > maxEvalDepth {
		return nil, evalError(e.SrcRange(), CodeEval, "Split the expression into smaller parts.",
			"EL expression is too deeply nested to evaluate")
	}
	switch n := e.(type) {
	case *ir.Literal:
		return literalValue(n), nil
	case *ir.Ident:
		return ev.ident(n)
	case *ir.Unary:
		return ev.unary(n)
	case *ir.Binary:
		return ev.binary(n)
	case *ir.Conditional:
		c, d := ev.eval(n.Cond)
		if d != nil || isUnknown(c) {
			return c, d
		}
		b, err := ToBool(c)
		if err != nil {
			return nil, coerceDiag(n.Cond.SrcRange(), err)
		}
		if b {
			return ev.eval(n.Then)
		}
		return ev.eval(n.Else)
	case *ir.Member:
		return ev.access(n.X, nil, n.Name, n.Range)
	case *ir.Index:
		return ev.access(n.X, n.Index, "", n.Range)
	case *ir.Call:
		return ev.call(n)
	}
	return nil, evalError(e.SrcRange(), CodeEval, "This is a bug in coordc; please report it.",
		"Unsupported EL node %T", e)
}

func literalValue(l *ir.Literal) Value {
	switch l.Kind {
	case ir.LitString:
		return l.Str
	case ir.LitInt:
		return l.Int
	case ir.LitFloat:
		return l.Float
	case ir.LitBool:
		return l.Bool
	}
	return nil
}

func isUnknown(v Value) bool { _, ok := v.(Unknown); return ok }

func coerceDiag(rng hcl.Range, err error) *hcl.Diagnostic {
	return evalError(rng, CodeEval,
		"JSP 2.0 EL converts operands to the type an operator or function needs and fails when that is impossible. Use a value of the right type.",
		"Cannot evaluate EL expression: %s", err)
}

func (ev *evaluator) ident(n *ir.Ident) (Value, *hcl.Diagnostic) {
	if v, ok := constant(ev.env.Group, n.Name); ok {
		return v, nil
	}
	if ev.env.Vars != nil {
		if v, ok := ev.env.Vars(n.Name); ok {
			return v, nil
		}
	}
	if ev.env.UnknownVars {
		return Unknown{}, nil
	}
	return nil, undefinedDiag(n, "Define it as a job property or a formal parameter, or correct the name.")
}

func undefinedDiag(n *ir.Ident, detail string) *hcl.Diagnostic {
	return evalError(n.Range, CodeUndefined, detail, "variable [%s] cannot be resolved", n.Name)
}

func (ev *evaluator) unary(n *ir.Unary) (Value, *hcl.Diagnostic) {
	x, d := ev.eval(n.X)
	if d != nil || isUnknown(x) {
		return x, d
	}
	var v Value
	var err error
	switch n.Op {
	case "-":
		v, err = negate(x)
	case "!":
		var b bool
		b, err = ToBool(x)
		v = !b
	case "empty":
		v = x == nil || x == ""
	default:
		err = fmt.Errorf("unknown operator %q", n.Op)
	}
	if err != nil {
		return nil, coerceDiag(n.Range, err)
	}
	return v, nil
}

func (ev *evaluator) binary(n *ir.Binary) (Value, *hcl.Diagnostic) {
	x, d := ev.eval(n.X)
	if d != nil {
		return nil, d
	}
	if n.Op == "&&" || n.Op == "||" {
		if isUnknown(x) {
			return x, nil
		}
		b, err := ToBool(x)
		if err != nil {
			return nil, coerceDiag(n.X.SrcRange(), err)
		}
		if b == (n.Op == "||") {
			return b, nil
		}
		y, d := ev.eval(n.Y)
		if d != nil || isUnknown(y) {
			return y, d
		}
		b, err = ToBool(y)
		if err != nil {
			return nil, coerceDiag(n.Y.SrcRange(), err)
		}
		return b, nil
	}
	y, d := ev.eval(n.Y)
	if d != nil {
		return nil, d
	}
	if isUnknown(x) || isUnknown(y) {
		return Unknown{}, nil
	}
	var v Value
	var err error
	switch n.Op {
	case "+", "-", "*", "/", "%":
		v, err = arith(n.Op, x, y)
	case "==", "!=":
		var eq bool
		eq, err = equal(x, y)
		v = eq == (n.Op == "==")
	case "<", ">", "<=", ">=":
		v, err = compare(n.Op, x, y)
	default:
		err = fmt.Errorf("unknown operator %q", n.Op)
	}
	if err != nil {
		return nil, coerceDiag(n.Range, err)
	}
	return v, nil
}

// access evaluates x.name (index == nil) or x[index]. Oozie's variables are
// strings, which have no readable properties here; null yields null.
func (ev *evaluator) access(base, index ir.Expr, name string, rng hcl.Range) (Value, *hcl.Diagnostic) {
	if id, ok := base.(*ir.Ident); ok && index == nil {
		if _, isConst := constant(ev.env.Group, id.Name); !isConst && !ev.defined(id.Name) {
			return nil, undefinedDiag(id, fmt.Sprintf(
				"Oozie resolves only whole names: %q is read as property %q of variable %q. A job property whose name is not a Java identifier is reachable only with coord:conf('%s.%s').",
				id.Name+"."+name, name, id.Name, id.Name, name))
		}
	}
	x, d := ev.eval(base)
	if d != nil {
		return nil, d
	}
	key := Value(name)
	if index != nil {
		if key, d = ev.eval(index); d != nil {
			return nil, d
		}
	}
	switch {
	case isUnknown(x) || isUnknown(key):
		return Unknown{}, nil
	case x == nil || key == nil:
		return nil, nil
	}
	if m, ok := x.(Map); ok {
		if v, ok := m[ToString(key)]; ok {
			return v, nil
		}
		return nil, nil // a missing key is null, as Map.get gives
	}
	return nil, evalError(rng, CodeEval,
		"EL variables in Oozie are strings, numbers or booleans, which have no properties or elements. Remove the property access or use coord:conf for a dotted property name.",
		"Cannot read property %q of the value %q", ToString(key), ToString(x))
}

func (ev *evaluator) defined(name string) bool {
	if ev.env.Vars == nil {
		return false
	}
	_, ok := ev.env.Vars(name)
	return ok
}
