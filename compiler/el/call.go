package el

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// call evaluates a function call: group check, arity, arguments (an Unknown
// argument makes the result Unknown without calling), then Env.Funcs, echo
// text, dummy value or built-in implementation.
func (ev *evaluator) call(c *ir.Call) (Value, *hcl.Diagnostic) {
	name := c.QualifiedName()
	fn, inCatalog := Lookup(name)
	override := ev.env.Funcs[name]
	if !inCatalog && override == nil {
		return nil, unknownFuncDiag(c)
	}
	mode := ModeReal
	if ev.env.Group != "" && inCatalog {
		mode = fn.Groups[ev.env.Group]
		if mode == "" {
			return nil, notAllowedDiag(c, ev.env.Group)
		}
	}
	if inCatalog && len(c.Args) != len(fn.Params) {
		return nil, arityDiag(c, fn)
	}
	args := make([]Value, len(c.Args))
	unknown := false
	for i, a := range c.Args {
		v, d := ev.eval(a)
		if d != nil {
			return nil, d
		}
		unknown = unknown || isUnknown(v)
		args[i] = v
	}
	if unknown {
		return Unknown{}, nil
	}
	if inCatalog {
		for i, p := range fn.Params {
			typ := p.Type
			if mode != ModeReal {
				typ = "string" // Oozie's echo and dummy implementations take strings
			}
			v, err := coerceParam(args[i], typ)
			if err != nil {
				return nil, evalError(c.Args[i].SrcRange(), CodeArgs,
					fmt.Sprintf("Parameter %s of %s is of type %s. Pass a value of that type.", p.Name, name, p.Type),
					"Invalid argument %s of %s: %s", p.Name, name, err)
			}
			args[i] = v
		}
	}
	if mode == ModeEcho {
		ev.wrap = true
	}
	impl := override
	if impl == nil {
		switch mode {
		case ModeEcho:
			return EchoText(c, args), nil
		case ModeDummy:
			return fn.Dummy[ev.env.Group], nil
		}
		impl = builtins[name]
	}
	if impl == nil {
		if ev.env.UnknownVars {
			return Unknown{}, nil
		}
		return nil, evalError(c.NameRange, CodeNoImpl,
			"The function depends on job, dataset or action state that this evaluation was not given. Evaluate it where that state is known, or pass an implementation in Env.Funcs.",
			"Function %s cannot be evaluated here", name)
	}
	v, err := impl(c, args)
	if err != nil {
		return nil, evalError(c.Range, CodeEval, "Correct the arguments of the call.", "Error in %s: %s", name, err)
	}
	return v, nil
}

// coerceParam converts an argument to a declared parameter type.
func coerceParam(v Value, typ string) (Value, error) {
	switch typ {
	case "int":
		return toJavaInt(v)
	case "float":
		return ToFloat(v)
	case "number":
		if isDouble(v) {
			return ToFloat(v)
		}
		return ToInt(v)
	case "bool":
		return ToBool(v)
	case "string", "datetime", "timeunit":
		return ToString(v), nil
	}
	return v, nil
}

func unknownFuncDiag(c *ir.Call) *hcl.Diagnostic {
	name := c.QualifiedName()
	d := diag.Errorf(c.NameRange, CodeUnknownFunc, "Unknown EL function %s", name)
	if s, unique := nearest(name); s != "" && unique {
		d.Detail = fmt.Sprintf("Did you mean %s? Correct the function name.", s)
		d.Extra = &diag.Extra{Code: CodeUnknownFunc, Fixes: []diag.Edit{{Range: c.NameRange, Text: s}}}
	} else {
		d.Detail = "Oozie coordinators know only the coord: functions and hadoop:conf. Correct the function name."
	}
	return d
}

func notAllowedDiag(c *ir.Call, group string) *hcl.Diagnostic {
	name := c.QualifiedName()
	d := diag.Errorf(c.NameRange, CodeNotAllowed, "Function %s is not allowed in %s", name, GroupPlace(group))
	d.Detail = fmt.Sprintf("Oozie evaluates %s with the EL group %s, which does not include %s. Move the call to a place where it is available, or remove it.",
		GroupPlace(group), group, name)
	return d
}

func arityDiag(c *ir.Call, fn *Function) *hcl.Diagnostic {
	rng := c.Range
	if len(c.Args) > len(fn.Params) {
		rng = hcl.RangeBetween(c.Args[len(fn.Params)].SrcRange(), c.Args[len(c.Args)-1].SrcRange())
	}
	d := diag.Errorf(rng, CodeArgs, "Wrong number of arguments for %s", fn.Name)
	d.Detail = fmt.Sprintf("%s takes %s but %d %s given. Pass exactly the declared arguments.",
		signature(fn), plural(len(fn.Params), "argument"), len(c.Args), wereWas(len(c.Args)))
	return d
}

// signature renders fn(p1, p2) for messages.
func signature(fn *Function) string {
	s := fn.Name + "("
	for i, p := range fn.Params {
		if i > 0 {
			s += ", "
		}
		s += p.Name
	}
	return s + ")"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func wereWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
