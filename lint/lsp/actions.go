package lsp

import (
	"bytes"
	"fmt"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/lint"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// codeActionFixAll is LSP's source.fixAll kind (3.15+), which glsp's 3.16
// constants lack.
const codeActionFixAll protocol.CodeActionKind = "source.fixAll"

// codeAction offers the lint fixes of the findings in the requested range
// as quick fixes, and all the document's fixes (what `coordc lint --fix`
// writes) as one source.fixAll action.
func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	d, a, err := s.current(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t := a.textOf(d.path)
	if t == nil || a.excluded {
		return nil, nil
	}
	from, to := t.offset(p.Range.Start), t.offset(p.Range.End)
	out := []protocol.CodeAction{}
	var inDoc []lint.Finding
	for i := range a.findings {
		f := &a.findings[i]
		e, ok := f.Diag.Extra.(*diag.Extra)
		if f.Suppressed || !ok || e == nil || len(e.Fixes) == 0 || f.Diag.Subject == nil || !samePath(f.Diag.Subject.Filename, d.path) {
			continue
		}
		inDoc = append(inDoc, *f)
		sub := f.Diag.Subject
		if t.hclOffset(sub.End) < from || t.hclOffset(sub.Start) > to {
			continue
		}
		edit, ok := a.workspaceEdit(e.Fixes)
		if !ok {
			continue
		}
		kind := protocol.CodeActionKindQuickFix
		preferred := true
		out = append(out, protocol.CodeAction{
			Title:       fmt.Sprintf("Fix %s: %s", findingCode(f), f.Diag.Summary),
			Kind:        &kind,
			Diagnostics: []protocol.Diagnostic{toDiagnostic(f, t.lspRange(*sub))},
			IsPreferred: &preferred,
			Edit:        edit,
		})
	}
	if len(inDoc) > 0 {
		res := lint.ApplyFixes(inDoc, a.sources)
		if fixed, ok := res.Files[d.path]; ok && !bytes.Equal(fixed, t.data) {
			kind := codeActionFixAll
			out = append(out, protocol.CodeAction{
				Title: fmt.Sprintf("Apply all %d coordc lint fixes", len(res.Fixed)),
				Kind:  &kind,
				Edit:  &protocol.WorkspaceEdit{Changes: map[string][]protocol.TextEdit{d.uri: {wholeEdit(t, fixed)}}},
			})
		}
	}
	return out, nil
}

// workspaceEdit converts a fix's edits, which may touch several files.
func (a *analysis) workspaceEdit(edits []diag.Edit) (*protocol.WorkspaceEdit, bool) {
	changes := map[string][]protocol.TextEdit{}
	for _, ed := range edits {
		t := a.textOf(ed.Range.Filename)
		if t == nil {
			return nil, false
		}
		uri := pathToURI(ed.Range.Filename)
		changes[uri] = append(changes[uri], protocol.TextEdit{Range: t.lspRange(ed.Range), NewText: ed.Text})
	}
	return &protocol.WorkspaceEdit{Changes: changes}, true
}

// wholeEdit replaces the whole text with data.
func wholeEdit(t *text, data []byte) protocol.TextEdit {
	return protocol.TextEdit{Range: protocol.Range{Start: protocol.Position{}, End: t.position(len(t.data))}, NewText: string(data)}
}

// formatting formats a .coord.hcl document as `coordc fmt` does; other
// documents and files with syntax errors are left alone.
func (s *Server) formatting(_ *glsp.Context, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	var t *text
	if d != nil {
		t = d.text
	}
	s.mu.Unlock()
	if d == nil {
		return nil, fmt.Errorf("document %q is not open", p.TextDocument.URI)
	}
	if !hclfront.IsHCLFile(d.path) {
		return nil, nil
	}
	out, diags := hclfront.Format(d.path, t.data)
	if diags.HasErrors() || bytes.Equal(out, t.data) {
		return []protocol.TextEdit{}, nil
	}
	return []protocol.TextEdit{wholeEdit(t, out)}, nil
}
