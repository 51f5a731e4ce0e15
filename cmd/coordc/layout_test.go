package main

import (
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
)

const modulePath = "github.com/coordc/coordc"

// layers says which top-level directories a package of each top-level
// directory may import (itself included): data flows one way,
// cmd -> {runtime, lint} -> lower -> compiler -> schemas.
var layers = map[string][]string{
	"cmd":      {"runtime", "lint", "lower", "compiler", "schemas"},
	"runtime":  {"runtime", "lower", "compiler", "schemas"},
	"lint":     {"lint", "lower", "compiler", "schemas"},
	"lower":    {"lower", "compiler", "schemas"},
	"compiler": {"compiler", "schemas"},
	"schemas":  {"schemas"},
}

// TestImportDirection reads the imports of every non-test Go file of the
// repository and enforces the layering: each top-level directory imports
// only the ones below it, nothing imports cmd, and compiler/ir imports no
// package of this module.
func TestImportDirection(t *testing.T) {
	root, files := corpus.SourceFiles(t)
	fset := token.NewFileSet()
	for _, rel := range files {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		pkg := path.Dir(rel)
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil || (p != modulePath && !strings.HasPrefix(p, modulePath+"/")) {
				continue
			}
			if msg := importViolation(pkg, strings.TrimPrefix(strings.TrimPrefix(p, modulePath), "/")); msg != "" {
				t.Errorf("%s: imports %s: %s", rel, p, msg)
			}
		}
	}
}

// importViolation says why package from (a path relative to the module
// root) may not import package to, or returns "".
func importViolation(from, to string) string {
	top := func(p string) string { return strings.Split(p, "/")[0] }
	switch {
	case top(to) == "cmd":
		return "nothing imports cmd"
	case from == "compiler/ir" || strings.HasPrefix(from, "compiler/ir/"):
		return "compiler/ir imports nothing of this module"
	}
	allowed, ok := layers[top(from)]
	if !ok {
		return "package outside the fixed top-level layout (cmd, compiler, lint, lower, runtime, schemas)"
	}
	for _, a := range allowed {
		if top(to) == a {
			return ""
		}
	}
	return top(from) + " may import only " + strings.Join(allowed, ", ")
}

func TestImportViolation(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		bad      bool
	}{
		{"cmd/coordc", "runtime/state", false},
		{"runtime/scheduler", "lint", true},
		{"lint/rules", "runtime/state", true},
		{"lower/plan", "lint", true},
		{"compiler", "lower/plan", true},
		{"compiler/xmlfront", "compiler/ir", false},
		{"compiler/ir", "compiler/diag", true},
		{"schemas", "compiler", true},
		{"lint", "cmd/coordc", true},
		{"tools/x", "compiler", true},
	} {
		if got := importViolation(tt.from, tt.to) != ""; got != tt.bad {
			t.Errorf("importViolation(%s, %s): violation %v, want %v", tt.from, tt.to, got, tt.bad)
		}
	}
}
