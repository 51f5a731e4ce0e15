package hclfront

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// MaxNesting bounds how deep an HCL file may nest: brackets, blocks,
// templates and interpolations, plus the operators of one expression
// (unary, binary and conditional operators and attribute access each add a
// level of syntax tree). HCL's parser and coordc's translation recurse once
// per level, so a hostile file (100,000 parentheses) would overflow the Go
// stack, a fatal error nothing can recover from. 1,000 is the EL front
// end's bound too; real definitions stay below 20.
const MaxNesting = 1000

// ParseFile parses one HCL file with hclsyntax.ParseConfig after checking
// its size (MaxFileSize) and nesting (MaxNesting), which hclsyntax does not
// bound. Everything coordc parses as HCL (*.coord.hcl, .coordc.hcl, fmt)
// goes through it.
func ParseFile(name string, src []byte) (*hcl.File, hcl.Diagnostics) {
	rng := hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}
	if len(src) > MaxFileSize {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("File is larger than %d MiB", MaxFileSize>>20),
			Detail: fmt.Sprintf("The file has %d bytes. Coordinator definitions are small; check that this is the right file.", len(src)), Subject: &rng}}
	}
	if d := checkNesting(name, src); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	return hclsyntax.ParseConfig(src, name, hcl.InitialPos)
}

// checkNesting lexes src (the lexer keeps its own stack and does not
// recurse) and reports the first token at which the nesting measure
// exceeds MaxNesting: the open brackets, plus the operators seen since the
// innermost bracket opened or since the last separator (a comma; a newline
// in a body or an object) at that level.
func checkNesting(name string, src []byte) *hcl.Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	type level struct {
		ops      int
		newlines bool // a newline separates items at this level
	}
	stack := []level{{newlines: true}}
	depth := 0 // len(stack)-1 plus the sum of ops
	for _, t := range toks {
		top := &stack[len(stack)-1]
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			stack = append(stack, level{newlines: t.Type == hclsyntax.TokenOBrace})
			depth++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(stack) > 1 {
				depth -= 1 + top.ops
				stack = stack[:len(stack)-1]
			}
		case hclsyntax.TokenComma:
			depth -= top.ops
			top.ops = 0
		case hclsyntax.TokenNewline:
			if top.newlines {
				depth -= top.ops
				top.ops = 0
			}
		case hclsyntax.TokenBang, hclsyntax.TokenMinus, hclsyntax.TokenPlus, hclsyntax.TokenStar,
			hclsyntax.TokenSlash, hclsyntax.TokenPercent, hclsyntax.TokenAnd, hclsyntax.TokenOr,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
			hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq, hclsyntax.TokenQuestion, hclsyntax.TokenDot,
			hclsyntax.TokenDoubleColon:
			top.ops++
			depth++
		}
		if depth > MaxNesting {
			rng := t.Range
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Expression nests deeper than %d levels", MaxNesting),
				Detail:  "No coordinator definition nests brackets, blocks, templates or operators this deep. Check the file for runaway nesting.",
				Subject: &rng}
		}
	}
	return nil
}
