package compiler

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/coordc/coordc/compiler/inputfile"
)

// files is the file system a load reads: Options.Overlay first, then the
// disk. Overlay entries are matched on their absolute, cleaned path, and
// listed (Glob) under the name they were given, so diagnostics and sources
// name them as the caller does.
type files struct {
	overlay map[string][]byte // by absolute path
	names   map[string]string // absolute path -> name as given
}

func newFiles(overlay map[string][]byte) *files {
	f := &files{overlay: map[string][]byte{}, names: map[string]string{}}
	for name, data := range overlay {
		abs := absPath(name)
		f.overlay[abs], f.names[abs] = data, name
	}
	return f
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// get returns the overlay's content of name. A nil *files is the disk.
func (f *files) get(name string) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	data, ok := f.overlay[absPath(name)]
	return data, ok
}

// ReadFile returns the overlay's content of name, or the file's
// (inputfile.Read: regular files only, within the default size limit).
func (f *files) ReadFile(name string) ([]byte, error) { return f.readLimit(name, 0) }

// readLimit is ReadFile with inputfile.Read's limit (0: the default).
func (f *files) readLimit(name string, limit int64) ([]byte, error) {
	if data, ok := f.get(name); ok {
		return data, nil
	}
	return inputfile.Read(name, limit)
}

// Stat describes name: an overlay entry is a regular file of its size.
func (f *files) Stat(name string) (fs.FileInfo, error) {
	if data, ok := f.get(name); ok {
		return overlayInfo{name: filepath.Base(name), size: int64(len(data))}, nil
	}
	return os.Stat(name)
}

// Glob is filepath.Glob over the disk and the overlay, sorted.
func (f *files) Glob(pattern string) ([]string, error) {
	out, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, m := range out {
		seen[absPath(m)] = true
	}
	if f == nil {
		return out, nil
	}
	absPattern := absPath(pattern)
	for abs, name := range f.names {
		if ok, _ := filepath.Match(absPattern, abs); ok && !seen[abs] {
			seen[abs] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// open reads name for IsWorkflowApp's sniffing.
func (f *files) open(name string) (io.Reader, func(), error) {
	if data, ok := f.get(name); ok {
		return bytes.NewReader(data), func() {}, nil
	}
	fh, err := inputfile.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return fh, func() { fh.Close() }, nil
}

// overlayInfo is the fs.FileInfo of an overlay entry.
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
