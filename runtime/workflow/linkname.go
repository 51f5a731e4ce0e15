package workflow

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// fileLink splits a shell <file> value "path[#name]" into the file and
// the name of its link in the node directory (the file's base name when
// there is no #name). The name must be a plain file name: not empty, ".",
// or "..", and without a path separator, so that the link stays inside the
// node directory (issue 11, F5: a name such as ../../victim.txt replaced a
// file outside).
func fileLink(v string) (src, link string, err error) {
	src, link, hasName := strings.Cut(v, "#")
	if !hasName {
		link = filepath.Base(src)
	}
	if err := checkLinkName(link); err != nil {
		return "", "", fmt.Errorf("<file> %q: %w", v, err)
	}
	return src, link, nil
}

// checkLinkName reports why name is not a plain file name.
func checkLinkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("the link name %q is not a file name; write path#name with a plain name", name)
	case strings.ContainsAny(name, "/\\\x00"):
		return fmt.Errorf("the link name %q is not a plain file name: links go into the action's directory, so the name cannot contain a path", name)
	}
	return nil
}

// checkLiteralFile reports a literal <file> value whose link name is not
// a plain file name; values with EL are checked when the action starts.
func (b *builder) checkLiteralFile(t *ir.Template) {
	if t == nil || !t.IsLiteral() {
		return
	}
	var v strings.Builder
	for _, p := range t.Parts {
		v.WriteString(p.Literal)
	}
	if _, _, err := fileLink(v.String()); err != nil {
		b.errorf(t.Range, "E0701", "A <file> is linked into the action's directory under its base name or the name after #; that name must be a plain file name, without '/' and not '.' or '..'.",
			"Invalid <file> link name: %v", err)
	}
}
