package compiler

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// overlay holds file contents that replace or add to the files on disk
// (Options.Overlay: an editor's unsaved buffers). Every file the loader
// reads — definitions, includes, bundle app-paths, the .coord.hcl files of
// a directory — goes through it. Keys are compared after filepath.Clean.
type overlay map[string][]byte

func newOverlay(m map[string][]byte) overlay {
	o := overlay{}
	for k, v := range m {
		o[filepath.Clean(k)] = v
	}
	return o
}

// readFile is os.ReadFile with the overlay first.
func (o overlay) readFile(path string) ([]byte, error) {
	if data, ok := o[filepath.Clean(path)]; ok {
		return data, nil
	}
	return os.ReadFile(path)
}

// stat is os.Stat with the overlay first.
func (o overlay) stat(path string) (fs.FileInfo, error) {
	if data, ok := o[filepath.Clean(path)]; ok {
		return overlayInfo{name: filepath.Base(path), size: int64(len(data))}, nil
	}
	return os.Stat(path)
}

// glob is filepath.Glob over the disk and the overlay, sorted.
func (o overlay) glob(pattern string) ([]string, error) {
	found, err := filepath.Glob(pattern)
	if err != nil || len(o) == 0 {
		return found, err
	}
	seen := map[string]bool{}
	for _, f := range found {
		seen[filepath.Clean(f)] = true
	}
	for name := range o {
		if ok, _ := filepath.Match(filepath.Clean(pattern), name); ok && !seen[name] {
			found = append(found, name)
		}
	}
	sort.Strings(found)
	return found, nil
}

// overlayInfo describes an overlay file to stat's callers.
type overlayInfo struct {
	name string
	size int64
}

func (i overlayInfo) Name() string       { return i.name }
func (i overlayInfo) Size() int64        { return i.size }
func (i overlayInfo) Mode() fs.FileMode  { return 0o644 }
func (i overlayInfo) ModTime() time.Time { return time.Time{} }
func (i overlayInfo) IsDir() bool        { return false }
func (i overlayInfo) Sys() any           { return nil }
