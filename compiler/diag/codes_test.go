package diag_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint/rules"
)

// codeLike matches what looks like an Oozie or coordc code, or a rule ID;
// codeShaped anything written like a code (EL_ERROR, LOST, USAGE …).
var (
	codeLike   = regexp.MustCompile(`^[A-Z]{1,4}[0-9]{3,4}$`)
	codeShaped = regexp.MustCompile(`^[A-Z][A-Z0-9_]+$`)
)

// TestEveryCodeIsDocumented reads every Go file of the repository (tests
// excluded) and checks that each code it can construct has a catalog entry:
// string literals that look like codes (unless they are lint rule IDs, which
// coordc explain documents from the rule), literals given to a field named
// code, Code or ErrorCode, the values of constants named Code…, and literal
// codes passed to the diagnostic constructors (Errorf, Warningf and the
// packages' errorf/warnf/fail helpers).
func TestEveryCodeIsDocumented(t *testing.T) {
	ruleIDs := map[string]bool{}
	for _, a := range rules.All() {
		ruleIDs[a.ID] = true
	}
	root, files := corpus.SourceFiles(t)
	fset := token.NewFileSet()
	checked := 0
	for _, rel := range files {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		check := func(lit ast.Expr, why string, always bool) {
			bl, ok := lit.(*ast.BasicLit)
			if !ok || bl.Kind != token.STRING {
				return
			}
			s, err := strconv.Unquote(bl.Value)
			if err != nil || s == "" {
				return
			}
			if !codeLike.MatchString(s) && !(always && codeShaped.MatchString(s)) {
				return
			}
			checked++
			if _, ok := diag.Lookup(diag.Code(s)); !ok && !(why == "literal" && ruleIDs[s]) {
				t.Errorf("%s: %s %q has no entry in the code catalog (compiler/diag/codes.go)", fset.Position(bl.Pos()), why, s)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				check(n, "literal", false)
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "code" || k.Name == "Code" || k.Name == "ErrorCode") {
					check(n.Value, "field "+k.Name, true)
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if strings.HasPrefix(name.Name, "Code") && i < len(n.Values) {
						check(n.Values[i], "constant "+name.Name, true)
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
				switch name {
				case "Errorf", "Warningf", "errorf", "warnf", "evalError":
					if len(n.Args) > 1 {
						check(n.Args[1], "code of "+name, true)
					}
				case "fail":
					if len(n.Args) > 0 {
						check(n.Args[0], "code of "+name, true)
					}
				}
			}
			return true
		})
	}
	if checked < 100 {
		t.Errorf("only %d code literals found; is the walk reading the repository?", checked)
	}
}

// TestCatalog checks the entries themselves: a title and a doc each, Oozie's
// message template for every Oozie code, none for coordc's.
func TestCatalog(t *testing.T) {
	oozie := regexp.MustCompile(`^E[0-9]{4}$`)
	for _, d := range diag.Codes() {
		if d.Title == "" || d.Doc == "" {
			t.Errorf("%s: title or doc missing", d.Code)
		}
		if oozie.MatchString(string(d.Code)) != (d.Template != "") {
			t.Errorf("%s: an Oozie code has Oozie's message template, and only an Oozie code has one", d.Code)
		}
		if strings.HasSuffix(d.Title, ".") || strings.ToUpper(d.Title[:1]) != d.Title[:1] {
			t.Errorf("%s: title %q is not in sentence case without a period", d.Code, d.Title)
		}
	}
	for _, c := range []diag.Code{"137", "0", "1"} {
		if !diag.IsExitStatus(c) {
			t.Errorf("IsExitStatus(%q) = false", c)
		}
	}
	for _, c := range []diag.Code{"", "E0701", "1a"} {
		if diag.IsExitStatus(c) {
			t.Errorf("IsExitStatus(%q) = true", c)
		}
	}
}
