package diag_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint/rules"
)

// TestSentenceCase keeps the message convention: every diagnostic summary
// coordc writes, every code title of the catalog and every rule title
// starts with a capital letter (or with a quoted value, a number or an
// identifier written as it is, such as coord:days or --format). It reads
// the repository's Go source (tests excluded) for the summaries: the
// Summary of hcl.Diagnostic literals, and the summary or format argument
// of the diagnostic helpers (functions named like errorf, warnf, fail,
// Reportf and ReportFix whose result is not an error).
func TestSentenceCase(t *testing.T) {
	for _, d := range diag.Codes() {
		if !sentenceCase(d.Title) {
			t.Errorf("code %s: title %q is not in sentence case", d.Code, d.Title)
		}
	}
	for _, a := range rules.All() {
		if !sentenceCase(a.Doc.Title) {
			t.Errorf("rule %s: title %q is not in sentence case", a.ID, a.Doc.Title)
		}
	}

	root, files := corpus.SourceFiles(t)
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	// helpers maps "dir.name" (and "name" when only one package defines
	// it) to the index of its summary or format parameter.
	helpers := map[string]int{}
	global := map[string][]int{}
	for _, rel := range files {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed[rel] = f
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !isHelperName(fn.Name.Name) || returnsError(fn) {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "format" || n.Name == "summary" {
						helpers[path.Dir(rel)+"."+fn.Name.Name] = i
						global[fn.Name.Name] = append(global[fn.Name.Name], i)
					}
					i++
				}
			}
		}
	}
	checked := 0
	check := func(e ast.Expr, what string) {
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) > 0 {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && strings.HasSuffix(sel.Sel.Name, "printf") {
				e = call.Args[0]
			}
		}
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(bl.Value)
		if err != nil {
			return
		}
		checked++
		if !sentenceCase(s) && !oozieWords[s] {
			t.Errorf("%s: %s %q does not start with a capital letter", fset.Position(bl.Pos()), what, s)
		}
	}
	for rel, f := range parsed {
		dir := path.Dir(rel)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Diagnostic" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Summary" {
								check(kv.Value, "summary")
							}
						}
					}
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				case *ast.Ident:
					name = fn.Name
				}
				if fragments[dir+"."+name] {
					return true
				}
				i, ok := helpers[dir+"."+name]
				if !ok && len(global[name]) == 1 {
					i, ok = global[name][0], true
				}
				if ok && i < len(n.Args) {
					check(n.Args[i], "summary of "+name)
				}
			}
			return true
		})
	}
	if checked < 200 {
		t.Errorf("only %d summaries found; is the walk reading the repository?", checked)
	}
}

// oozieWords are summaries that repeat Oozie's own message word for word
// (its EL_ERROR and E1319 texts), so that a search for Oozie's error
// finds coordc's too.
var oozieWords = map[string]bool{
	"variable [%s] cannot be resolved":                                            true,
	"bundle app can not submit coordinator namespace %s, please use 0.2 or later": true,
}

// fragments are helpers whose format is part of a sentence, not a summary
// (hclgen's exprGen.fail texts end up as "The … ." in a detail).
var fragments = map[string]bool{"lower/hclgen.fail": true}

func isHelperName(name string) bool {
	switch name {
	case "errorf", "warnf", "Errorf", "Warningf", "evalError", "fail", "Reportf", "ReportFix":
		return true
	}
	return false
}

// returnsError reports whether fn returns an error (a Go error's text
// follows Go's lower-case convention: it is wrapped into other messages).
func returnsError(fn *ast.FuncDecl) bool {
	if fn.Type.Results == nil {
		return false
	}
	for _, r := range fn.Type.Results.List {
		switch t := r.Type.(type) {
		case *ast.Ident:
			if t.Name == "error" {
				return true
			}
		case *ast.StarExpr:
			if id, ok := t.X.(*ast.Ident); ok && id.Name == "Error" {
				return true
			}
		}
	}
	return false
}

// sentenceCase reports whether s starts as a sentence: with an upper-case
// letter, or with something that is not a word (a quote, a digit, a format
// verb, a flag), or with a name kept as written: coordc, or an identifier
// (a word holding ':', '.', '(', '$', '-', '_' or an upper-case letter:
// coord:days, oozie.processing.timezone, dataIn, app-path).
func sentenceCase(s string) bool {
	if s == "" {
		return true
	}
	first := []rune(s)[0]
	if !unicode.IsLower(first) {
		return true
	}
	word, _, _ := strings.Cut(s, " ")
	if word == "coordc" {
		return true
	}
	return strings.ContainsAny(strings.TrimRight(word, ",;:"), ":.($-_<>/=") || strings.IndexFunc(word, unicode.IsUpper) > 0
}
