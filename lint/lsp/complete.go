package lsp

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Completion contexts, matched against the text before the cursor.
var (
	eventArgRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`coord::?(dataIn|dataOut)\w*\(\s*['"]([\w.-]*)$`) })
	xmlDatasetRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\sdataset\s*=\s*["']([\w.-]*)$`) })
	hclDatasetRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bdataset\s*=\s*(?:dataset\.)?([\w-]*)$`) })
	hclInputRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\binput\s*=\s*(?:input\.)?([\w-]*)$`) })
	zoneRE       = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:\btimezone\s*=\s*["']|<timezone>\s*)([\w/+:-]*)$`)
	})
	funcRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b([a-z]+)(::?)(\w*)$`) })
	wordRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\{[^}]*?\b([a-zA-Z]\w*)?$`) })
	hclValueRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`=\s*[^"#]*?\b([a-zA-Z]\w*)?$`) })
	tagRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<([\w-]*)$`) })
	xmlTokenRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(/?)([\w.:-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>`)
	})
	xmlnsRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\sxmlns\s*=\s*["']\s*([^"'\s]+)`) })
)

func (s *Server) completion(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	d, a, err := s.current(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	t := d.text
	s.mu.Unlock()
	off := t.offset(p.Position)
	before := string(t.data[:off])
	line := before[strings.LastIndexByte(before, '\n')+1:]
	hcl := isHCL(d.path)
	items := []protocol.CompletionItem{}
	replace := func(token string) protocol.Range {
		return protocol.Range{Start: t.position(off - len(token)), End: p.Position}
	}
	coords := a.coordinatorsIn(d.path)
	switch {
	case eventArgRE().MatchString(line):
		m := eventArgRE().FindStringSubmatch(line)
		for _, name := range eventNames(coords, m[1] == "dataIn") {
			items = append(items, nameItem(name, protocol.CompletionItemKindReference, m[1]+" name", replace(m[2])))
		}
	case !hcl && xmlDatasetRE().MatchString(line), hcl && hclDatasetRE().MatchString(line):
		re, prefix := xmlDatasetRE(), ""
		if hcl {
			re, prefix = hclDatasetRE(), "dataset."
		}
		m := re.FindStringSubmatch(line)
		tok := m[1]
		if hcl {
			tok = line[strings.LastIndexAny(line, "= \t")+1:]
		}
		for _, name := range datasetNames(a, coords) {
			items = append(items, nameItem(prefix+name, protocol.CompletionItemKindReference, "dataset", replace(tok)))
		}
	case hcl && hclInputRE().MatchString(line):
		tok := line[strings.LastIndexAny(line, "= \t")+1:]
		for _, name := range eventNames(coords, true) {
			items = append(items, nameItem("input."+name, protocol.CompletionItemKindReference, "data-in", replace(tok)))
		}
	case zoneRE().MatchString(line):
		m := zoneRE().FindStringSubmatch(line)
		for _, id := range oozietime.ZoneIDs() {
			if strings.HasPrefix(id, m[1]) {
				items = append(items, nameItem(id, protocol.CompletionItemKindValue, "time zone", replace(m[1])))
			}
		}
	case funcRE().MatchString(line):
		m := funcRE().FindStringSubmatch(line)
		items = functionItems(m[1], m[3], hcl, replace(m[0]))
	case !hcl && wordRE().MatchString(line), hcl && hclValueRE().MatchString(line):
		re := wordRE()
		if hcl {
			re = hclValueRE()
		}
		word := re.FindStringSubmatch(line)[1]
		items = functionItems("", word, hcl, replace(word))
	case !hcl && tagRE().MatchString(line):
		tok := tagRE().FindStringSubmatch(line)[1]
		ns, path := xmlContext(before[:len(before)-len(tok)-1])
		for _, name := range xmlfront.Children(ns, path) {
			if strings.HasPrefix(name, tok) {
				items = append(items, nameItem(name, protocol.CompletionItemKindProperty, "element of "+strings.Join(path, "/"), replace(tok)))
			}
		}
	}
	return protocol.CompletionList{IsIncomplete: false, Items: items}, nil
}

// functionItems are the catalog functions whose prefix is prefix (any when
// "") and whose name starts with name, spelled coord:x, or coord::x in HCL.
func functionItems(prefix, name string, hclStyle bool, rng protocol.Range) []protocol.CompletionItem {
	var items []protocol.CompletionItem
	for _, fn := range el.Functions() {
		pre, local, _ := strings.Cut(fn.Name, ":")
		if prefix != "" && pre != prefix {
			continue
		}
		if prefix == "" && !strings.HasPrefix(pre, name) && !strings.HasPrefix(local, name) {
			continue
		}
		if prefix != "" && !strings.HasPrefix(local, name) {
			continue
		}
		label := fn.Name
		if hclStyle {
			label = pre + "::" + local
		}
		detail := signature(fn, hclStyle)
		kind := protocol.CompletionItemKindFunction
		items = append(items, protocol.CompletionItem{
			Label:         label,
			Kind:          &kind,
			Detail:        &detail,
			Documentation: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: fn.Doc},
			TextEdit:      protocol.TextEdit{Range: rng, NewText: label},
		})
	}
	return items
}

func nameItem(label string, kind protocol.CompletionItemKind, detail string, rng protocol.Range) protocol.CompletionItem {
	return protocol.CompletionItem{Label: label, Kind: &kind, Detail: &detail, TextEdit: protocol.TextEdit{Range: rng, NewText: label}}
}

// coordinatorsIn are the coordinators defined in file.
func (a *analysis) coordinatorsIn(file string) []*ir.Coordinator {
	var out []*ir.Coordinator
	if a.project == nil {
		return nil
	}
	for _, c := range a.project.Coordinators {
		if samePath(c.File, file) {
			out = append(out, c)
		}
	}
	return out
}

func eventNames(coords []*ir.Coordinator, inputs bool) []string {
	set := map[string]bool{}
	for _, c := range coords {
		if inputs {
			for _, e := range c.Inputs {
				set[e.Name] = true
			}
		} else {
			for _, e := range c.Outputs {
				set[e.Name] = true
			}
		}
	}
	return sortedSet(set)
}

// datasetNames are the datasets the file's coordinators see (their own,
// included and shared ones), or those of a datasets file.
func datasetNames(a *analysis, coords []*ir.Coordinator) []string {
	set := map[string]bool{}
	for _, c := range coords {
		for _, ds := range c.Datasets {
			set[ds.Name] = true
		}
	}
	if a.project != nil {
		for _, df := range a.project.DatasetFiles {
			for _, ds := range df.Datasets {
				set[ds.Name] = true
			}
		}
	}
	return sortedSet(set)
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// xmlContext reads the XML before a "<": the root's default namespace and
// the local names of the elements still open, root first. Comments, CDATA
// and processing instructions are skipped; it never fails, it guesses.
func xmlContext(before string) (string, []string) {
	ns := ""
	var stack []string
	for _, m := range xmlTokenRE().FindAllStringSubmatch(before, -1) {
		if m[2] == "" {
			continue // comment, CDATA, PI
		}
		name := m[2]
		if i := strings.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		switch {
		case m[1] == "/":
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					stack = stack[:i]
					break
				}
			}
		case m[4] == "/":
		default:
			if len(stack) == 0 {
				if x := xmlnsRE().FindStringSubmatch(m[3]); x != nil {
					ns = x[1]
				}
			}
			stack = append(stack, name)
		}
	}
	return ns, stack
}
