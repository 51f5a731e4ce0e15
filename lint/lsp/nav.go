package lsp

import (
	"fmt"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// definition: data-in/data-out dataset → the dataset (in this file, an
// included file or another .coord.hcl file of the directory),
// coord:dataIn('x') → the data-in, a bundle app-path → the coordinator.
func (s *Server) definition(_ *glsp.Context, p *protocol.DefinitionParams) (any, error) {
	d, a, t, off, err := s.at(p.TextDocumentPositionParams)
	if err != nil || t == nil {
		return nil, err
	}
	for _, r := range a.index().refs {
		if samePath(r.use.Filename, d.path) && contains(r.use, off) {
			if loc, ok := a.location(r.def); ok {
				return []protocol.Location{loc}, nil
			}
		}
	}
	return nil, nil
}

// references: from a definition (a dataset, data-in or data-out name, a
// coordinator's start tag) or a use, every use of the same definition.
func (s *Server) references(_ *glsp.Context, p *protocol.ReferenceParams) ([]protocol.Location, error) {
	d, a, err := s.current(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if a.isDatasetsFile() || isHCL(d.path) {
		// Who uses a shared datasets file, or a dataset of one .coord.hcl
		// file, is only known from the other definitions of the directory.
		s.mu.Lock()
		overlay := s.overlayLocked()
		s.mu.Unlock()
		a = analyzeDir(d.path, overlay)
	}
	t := a.textOf(d.path)
	if t == nil {
		return nil, nil
	}
	off := t.offset(p.Position)
	refs := a.index().refs
	target, found := refs, false
	for _, r := range refs {
		if (samePath(r.def.Filename, d.path) && contains(r.def, off)) || (samePath(r.use.Filename, d.path) && contains(r.use, off)) {
			target, found = []ref{r}, true
			break
		}
	}
	if !found {
		return nil, nil
	}
	def := target[0].def
	out := []protocol.Location{}
	if p.Context.IncludeDeclaration {
		if loc, ok := a.location(def); ok {
			out = append(out, loc)
		}
	}
	seen := map[string]bool{}
	for _, r := range refs {
		if r.def != def {
			continue
		}
		if loc, ok := a.location(r.use); ok {
			key := loc.URI + "#" + rangeKey(loc.Range)
			if !seen[key] {
				seen[key] = true
				out = append(out, loc)
			}
		}
	}
	return out, nil
}

func rangeKey(r protocol.Range) string {
	return fmt.Sprintf("%d:%d", r.Start.Line, r.Start.Character)
}
