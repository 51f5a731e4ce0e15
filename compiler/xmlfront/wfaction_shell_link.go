package xmlfront

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// FileLink splits a shell <file> value "path[#name]" into the file and
// the name of its link in the action's directory (the file's base name
// when there is no #name). The name must be a plain file name: not empty,
// "." or "..", and without a path separator, so that the link stays inside
// the action's directory (issue 11, F5: a name such as ../../victim.txt
// replaced a file outside). The runtime checks values computed by EL with
// it; checkFileLink checks literal ones when the definition is read.
func FileLink(v string) (src, link string, err error) {
	src, link, hasName := strings.Cut(v, "#")
	if !hasName {
		link = filepath.Base(src)
	}
	switch {
	case link == "" || link == "." || link == "..":
		return "", "", fmt.Errorf("<file> %q: the link name %q is not a file name; write path#name with a plain name", v, link)
	case strings.ContainsAny(link, "/\\\x00"):
		return "", "", fmt.Errorf("<file> %q: the link name %q is not a plain file name: links go into the action's directory, so the name cannot contain a path", v, link)
	}
	return src, link, nil
}

// checkFileLink reports a literal <file> value whose link name is not a
// plain file name; values with EL are checked when the action starts.
func (b *wfBuilder) checkFileLink(t *ir.Template) {
	if t == nil || !t.IsLiteral() {
		return
	}
	var v strings.Builder
	for _, p := range t.Parts {
		v.WriteString(p.Literal)
	}
	if _, _, err := FileLink(v.String()); err != nil {
		b.errorf(t.Range, "E0701", "A <file> is linked into the action's directory under its base name or the name after #; that name must be a plain file name, without '/' and not '.' or '..'.",
			"Invalid <file> link name: %v", err)
	}
}
