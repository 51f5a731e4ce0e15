package lsp

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// TestParityWithLint: for every definition under testdata, the server's
// diagnostics are `coordc lint FILE`'s unsuppressed findings, with their
// line:column (code points) turned into UTF-16 positions independently of
// the byte offsets the server converts.
func TestParityWithLint(t *testing.T) {
	var files []string
	filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (hclfront.IsHCLFile(p) || strings.HasSuffix(p, ".xml")) && !compiler.IsWorkflowApp(p) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 100 {
		t.Fatalf("only %d definitions found under testdata", len(files))
	}
	checkParity(t, files)
}

// TestParityCorpus is TestParityWithLint over the shared corpus of real
// definitions (some with non-ASCII text).
func TestParityCorpus(t *testing.T) {
	var files []string
	for _, e := range corpus.Entries(t) {
		if e.Root != "workflow-app" {
			files = append(files, e.File)
		}
	}
	checkParity(t, files)
}

func checkParity(t *testing.T, files []string) {
	t.Helper()
	checked := 0
	for _, f := range files {
		path, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		a := analyze(path, nil)
		if a.excluded {
			continue
		}
		got := a.diagnostics()

		cfg := &lint.Config{}
		if file := lint.FindConfig(filepath.Dir(path)); file != "" {
			if c, diags := lint.LoadConfig(file, rules.All()); !diags.HasErrors() {
				cfg = c
			}
		}
		res, diags := compiler.Load([]string{path}, compiler.Options{PropertiesFiles: cfg.PropertiesFiles})
		var want []protocol.Range
		for _, fd := range lint.Run(res.Project, res.Sources, diags, rules.All(), cfg) {
			if fd.Suppressed || (fd.Diag.Subject != nil && fd.Diag.Subject.Filename != path) {
				continue
			}
			var r protocol.Range
			if s := fd.Diag.Subject; s != nil {
				r = protocol.Range{Start: utf16Pos(res.Sources[path], s.Start), End: utf16Pos(res.Sources[path], s.End)}
			}
			want = append(want, r)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d diagnostics, lint has %d", f, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Range != want[i] {
				t.Errorf("%s: diagnostic %d (%s) at %v, lint's line:column gives %v", f, i, got[i].Message, got[i].Range, want[i])
			}
		}
		checked += len(got)
	}
	t.Logf("%d files, %d diagnostics compared", len(files), checked)
}

// utf16Pos converts a 1-based line and code-point column.
func utf16Pos(src []byte, p hcl.Pos) protocol.Position {
	lines := strings.Split(string(src), "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return protocol.Position{}
	}
	runes := []rune(lines[p.Line-1])
	n := min(p.Column-1, len(runes))
	return protocol.Position{Line: uint32(p.Line - 1), Character: uint32(len(utf16.Encode(runes[:n])))}
}
