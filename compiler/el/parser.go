package el

import (
	"math"
	"strconv"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// MaxDepth is how deeply parentheses, calls, operators and index brackets may
// nest in one expression. Deeper input is rejected with an error instead of
// exhausting the stack.
const MaxDepth = 1000

// ParseExpr parses a bare expression, without ${ }, that spans the whole text.
func ParseExpr(src *Source) (ir.Expr, hcl.Diagnostics) {
	p := &parser{src: src, lx: lexer{text: src.Text}}
	p.advance()
	e := p.parseExpr()
	if p.err == nil && p.tok.kind != tokEOF {
		p.unexpected()
	}
	if p.err != nil {
		return nil, hcl.Diagnostics{p.err}
	}
	return e, nil
}

// parser is a recursive-descent parser over one expression. It stops at the
// first error (p.err); every production returns nil once p.err is set.
type parser struct {
	src      *Source
	lx       lexer
	tok      token
	depth    int
	template bool // a "}" ends the expression
	err      *hcl.Diagnostic
}

func (p *parser) advance() { p.tok = p.lx.next() }

func (p *parser) rng(start, end int) hcl.Range { return p.src.Range(start, end) }

// peek returns the token after the current one without consuming anything.
func (p *parser) peek(n int) token {
	save := p.lx
	var t token
	for range n {
		t = p.lx.next()
	}
	p.lx = save
	return t
}

func (p *parser) fail(rng hcl.Range, summary, detail string) {
	if p.err != nil {
		return
	}
	d := diag.Errorf(rng, CodeSyntax, "%s", summary)
	d.Detail = detail
	p.err = d
}

// unexpected reports the current token as out of place.
func (p *parser) unexpected() {
	t := p.tok
	switch t.kind {
	case tokError:
		end := t.end
		switch t.msg {
		case "Unterminated string literal":
			end = t.errAt + 1
		case "Invalid escape sequence in string literal":
			end = min(t.errAt+2, t.end)
		}
		p.fail(p.rng(t.errAt, end), t.msg, lexDetail(t.msg))
	case tokEOF:
		p.fail(p.rng(t.start, t.end), "Unexpected end of EL expression",
			"The expression stops where an operand or a closing bracket is expected. Complete the expression.")
	default:
		txt := t.text
		if t.kind == tokString {
			txt = p.src.Text[t.start:t.end]
		}
		detail := "This token cannot appear here in a JSP 2.0 EL expression. Check for a missing operator, operand or bracket."
		if txt == "}" && p.template {
			detail = "The expression ends before it is complete. Complete the expression before the closing \"}\"."
		}
		if txt == ":" {
			detail = `A ":" joins a function prefix and name only in a call such as coord:days(1), and otherwise belongs to a "? :" conditional. Add the argument list or the missing "?".`
		}
		p.fail(p.rng(t.start, t.end), "Unexpected "+strconv.Quote(txt)+" in EL expression", detail)
	}
}

func lexDetail(msg string) string {
	switch msg {
	case "Unterminated string literal":
		return "A string literal must end with the quote it starts with. Add the closing quote."
	case "Invalid escape sequence in string literal":
		return `Inside a string literal a backslash may only escape a backslash or the enclosing quote. Write "\\" for a literal backslash.`
	}
	return "EL expressions consist of names, literals, operators and brackets. Remove the character or put it inside a string literal."
}

// skipToClose moves past the next "}" (or to the end) after an error.
func (p *parser) skipToClose() {
	for p.tok.kind != tokEOF && (p.tok.kind != tokPunct || p.tok.text != "}") {
		p.advance()
	}
}

// enter guards the recursion depth; callers must call leave when it is true.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(p.rng(p.tok.start, p.tok.end), "EL expression is nested too deeply",
			"Expressions may nest at most 1000 levels of parentheses, calls and operators. Simplify the expression.")
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// is reports whether the current token is the operator or keyword op.
func (p *parser) is(ops ...string) bool {
	if p.tok.kind != tokPunct && p.tok.kind != tokIdent {
		return false
	}
	for _, op := range ops {
		if p.tok.text == op {
			return true
		}
	}
	return false
}

// expect consumes the punctuation s or reports the current token.
func (p *parser) expect(s string) (token, bool) {
	if p.tok.kind == tokPunct && p.tok.text == s {
		t := p.tok
		p.advance()
		return t, true
	}
	p.unexpected()
	return token{}, false
}

// binaryOps normalizes keyword operators to their symbolic form.
var binaryOps = map[string]string{
	"div": "/", "mod": "%", "eq": "==", "ne": "!=", "lt": "<", "gt": ">", "le": "<=", "ge": ">=",
	"and": "&&", "or": "||",
}

func normOp(s string) string {
	if n, ok := binaryOps[s]; ok {
		return n
	}
	return s
}

// precedence lists the binary operator levels, loosest first.
var precedence = [][]string{
	{"||", "or"},
	{"&&", "and"},
	{"==", "!=", "eq", "ne"},
	{"<", ">", "<=", ">=", "lt", "gt", "le", "ge"},
	{"+", "-"},
	{"*", "/", "div", "%", "mod"},
}

func (p *parser) parseExpr() ir.Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	cond := p.parseBinary(0)
	if p.err != nil || !p.is("?") {
		return cond
	}
	p.advance()
	then := p.parseExpr()
	if p.err != nil {
		return nil
	}
	if _, ok := p.expect(":"); !ok {
		return nil
	}
	els := p.parseExpr()
	if p.err != nil {
		return nil
	}
	return &ir.Conditional{Cond: cond, Then: then, Else: els,
		Range: hcl.RangeBetween(cond.SrcRange(), els.SrcRange())}
}

func (p *parser) parseBinary(level int) ir.Expr {
	if level == len(precedence) {
		return p.parseUnary()
	}
	x := p.parseBinary(level + 1)
	for p.err == nil && p.is(precedence[level]...) {
		op := normOp(p.tok.text)
		p.advance()
		y := p.parseBinary(level + 1)
		if p.err != nil {
			return nil
		}
		x = &ir.Binary{Op: op, X: x, Y: y, Range: hcl.RangeBetween(x.SrcRange(), y.SrcRange())}
	}
	if p.err != nil {
		return nil
	}
	return x
}

func (p *parser) parseUnary() ir.Expr {
	if !p.is("-", "!", "not", "empty") {
		return p.parsePostfix()
	}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	op := p.tok
	p.advance()
	x := p.parseUnary()
	if p.err != nil {
		return nil
	}
	name := op.text
	if name == "not" {
		name = "!"
	}
	return &ir.Unary{Op: name, X: x, Range: hcl.RangeBetween(p.rng(op.start, op.end), x.SrcRange())}
}

func (p *parser) parsePostfix() ir.Expr {
	x := p.parsePrimary()
	for p.err == nil {
		switch {
		case p.is("."):
			p.advance()
			if p.tok.kind != tokIdent || keywords[p.tok.text] {
				p.unexpected()
				return nil
			}
			x = &ir.Member{X: x, Name: p.tok.text, Range: hcl.RangeBetween(x.SrcRange(), p.rng(p.tok.start, p.tok.end))}
			p.advance()
		case p.is("["):
			p.advance()
			idx := p.parseExpr()
			if p.err != nil {
				return nil
			}
			end, ok := p.expect("]")
			if !ok {
				return nil
			}
			x = &ir.Index{X: x, Index: idx, Range: hcl.RangeBetween(x.SrcRange(), p.rng(end.start, end.end))}
		default:
			return x
		}
	}
	return nil
}

func (p *parser) parsePrimary() ir.Expr {
	t := p.tok
	switch t.kind {
	case tokInt:
		p.advance()
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			p.fail(p.rng(t.start, t.end), "Integer literal "+strconv.Quote(t.text)+" is out of range",
				"EL integers are 64-bit (Java long): the largest is 9223372036854775807. Use a smaller number, or a decimal point for a floating-point value.")
			return nil
		}
		return &ir.Literal{Kind: ir.LitInt, Int: v, Range: p.rng(t.start, t.end)}
	case tokFloat:
		p.advance()
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil && !math.IsInf(v, 0) && v != 0 {
			p.fail(p.rng(t.start, t.end), "Invalid number "+strconv.Quote(t.text), "Write the number as digits with an optional fraction and exponent, such as 1.5 or 2e3.")
			return nil
		}
		return &ir.Literal{Kind: ir.LitFloat, Float: v, Range: p.rng(t.start, t.end)}
	case tokString:
		p.advance()
		return &ir.Literal{Kind: ir.LitString, Str: t.text, Range: p.rng(t.start, t.end)}
	case tokIdent:
		return p.parseName()
	case tokPunct:
		if t.text == "(" {
			p.advance()
			e := p.parseExpr()
			if p.err != nil {
				return nil
			}
			if _, ok := p.expect(")"); !ok {
				return nil
			}
			return e
		}
	}
	p.unexpected()
	return nil
}

// parseName parses a keyword literal, a call (prefix:name(...) or name(...))
// or a variable reference. "a:b" is a prefixed name only when "(" follows;
// otherwise the ":" belongs to an enclosing "? :".
func (p *parser) parseName() ir.Expr {
	t := p.tok
	r := p.rng(t.start, t.end)
	switch t.text {
	case "true", "false":
		p.advance()
		return &ir.Literal{Kind: ir.LitBool, Bool: t.text == "true", Range: r}
	case "null":
		p.advance()
		return &ir.Literal{Kind: ir.LitNull, Range: r}
	}
	if keywords[t.text] {
		p.unexpected()
		return nil
	}
	next := p.peek(1)
	if next.kind == tokPunct && next.text == ":" {
		if name := p.peek(2); name.kind == tokIdent && !keywords[name.text] {
			if open := p.peek(3); open.kind == tokPunct && open.text == "(" {
				p.advance()
				p.advance()
				p.advance()
				return p.parseCall(t.text, name.text, t.start, name.end)
			}
		}
	}
	if next.kind == tokPunct && next.text == "(" {
		p.advance()
		return p.parseCall("", t.text, t.start, t.end)
	}
	p.advance()
	return &ir.Ident{Name: t.text, Range: r}
}

// parseCall parses the argument list; the current token is "(".
func (p *parser) parseCall(prefix, name string, start, nameEnd int) ir.Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	p.advance()
	c := &ir.Call{Prefix: prefix, Name: name, NameRange: p.rng(start, nameEnd)}
	if !p.is(")") {
		for {
			a := p.parseExpr()
			if p.err != nil {
				return nil
			}
			c.Args = append(c.Args, a)
			if !p.is(",") {
				break
			}
			p.advance()
		}
	}
	end, ok := p.expect(")")
	if !ok {
		return nil
	}
	c.Range = p.rng(start, end.end)
	return c
}
