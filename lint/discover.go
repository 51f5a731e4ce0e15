package lint

import (
	"bytes"
	"io/fs"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/inputfile"
)

// Discover finds the definition files of a project for `coordc lint`
// without paths: the files under cfg.Dir (or ".") matching cfg.Include
// (DefaultInclude when empty), minus cfg.Exclude, files git ignores and
// XML that is not a definition (Skipped). Hidden directories are skipped.
// The result is sorted. kinds, when not nil, records the kind of each XML
// file read.
func Discover(cfg *Config, kinds XMLKinds) ([]string, error) {
	root := cfg.Dir
	if root == "" {
		root = "."
	}
	include := cfg.Include
	if len(include) == 0 {
		include = DefaultInclude
	}
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !inputfile.IsRegularEntry(path, d) {
			return nil // a named pipe or device would block or never end
		}
		rel := relTo(root, path)
		for _, g := range include {
			if MatchGlob(g, rel) && !cfg.Excluded(path) {
				if !kinds.Skipped(path, nil) {
					found = append(found, path)
				}
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(found)
	return withoutGitIgnored(root, found), nil
}

// Skipped reports whether coordc lint leaves a file alone, however it was
// found (a glob, a command-line argument, pre-commit): XML whose root is not
// an Oozie definition — a Maven pom.xml, a Hadoop *-site.xml, log4j.xml,
// Ivy, HTML. data is the file's content when it is not on disk (stdin); nil
// reads the file. Files of other extensions and unreadable XML are not
// skipped: the loader reports them.
func Skipped(path string, data []byte) bool {
	return xmlKind(path, data) == compiler.XMLOther
}

// XMLKinds remembers the kind of the XML files one run has sniffed, by
// path, so that Discover, Skipped and IsWorkflow read each file's root
// element once. Contents given from memory (data not nil) are sniffed
// every time. A nil XMLKinds remembers nothing.
type XMLKinds map[string]compiler.XMLKind

// Skipped is the package's Skipped, remembering the kind.
func (k XMLKinds) Skipped(path string, data []byte) bool {
	return k.kind(path, data) == compiler.XMLOther
}

// IsWorkflow is the package's IsWorkflow, remembering the kind.
func (k XMLKinds) IsWorkflow(path string, data []byte) bool {
	return k.kind(path, data) == compiler.XMLWorkflow
}

func (k XMLKinds) kind(path string, data []byte) compiler.XMLKind {
	if k == nil || data != nil {
		return xmlKind(path, data)
	}
	v, ok := k[path]
	if !ok {
		v = xmlKind(path, nil)
		k[path] = v
	}
	return v
}

// xmlKind sniffs an .xml file (see compiler.SniffXML); other files are
// XMLUnreadable.
func xmlKind(path string, data []byte) compiler.XMLKind {
	if !strings.EqualFold(filepath.Ext(path), ".xml") {
		return compiler.XMLUnreadable
	}
	if data != nil {
		return compiler.SniffXML(bytes.NewReader(data))
	}
	return compiler.SniffXMLFile(path)
}

// withoutGitIgnored drops the paths git ignores. Without git, or outside a
// repository, nothing is dropped.
func withoutGitIgnored(root string, paths []string) []string {
	if len(paths) == 0 {
		return paths
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return paths
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			abs[i] = a
		} else {
			abs[i] = p
		}
	}
	cmd := exec.Command(git, "-C", root, "check-ignore", "--stdin")
	cmd.Stdin = strings.NewReader(strings.Join(abs, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		// Exit 1: nothing ignored; 128: not a repository.
		return paths
	}
	ignored := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		ignored[string(line)] = true
	}
	var kept []string
	for i, p := range paths {
		if !ignored[abs[i]] {
			kept = append(kept, p)
		}
	}
	return kept
}
