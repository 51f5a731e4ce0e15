// Package storage answers the one question coordc asks of dataset storage:
// does this path exist? It resolves dataset URIs to a backend. Local paths
// and file: URIs (absolute, with an empty or localhost authority; see
// LocalPath) are served from the local file system; hdfs:// and webhdfs://
// need the runtime's WebHDFS client and are refused here with a clear
// error.
package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/coordc/coordc/compiler/inputfile"
)

// Local checks paths on the local file system.
type Local struct{}

// Exists reports whether the path or file:// URI exists. A URI with another
// scheme is an error naming the scheme.
func (Local) Exists(uri string) (bool, error) {
	path, err := LocalPath(uri)
	if err != nil {
		return false, err
	}
	_, err = os.Stat(path)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return false, err
}

// LocalPath maps a plain path or a file: URI to a local path. A file:
// URI names an absolute path on this machine: file:///p, file:/p or
// file://localhost/p. Another authority (file://host/p) is an error, not
// the relative path host/p, and so is a relative path (file:p); otherwise
// data would be read or deleted relative to apply's working directory
// (issue 11, F6).
func LocalPath(uri string) (string, error) {
	if inputfile.IsFileURI(uri) {
		return inputfile.FileURIPath(uri)
	}
	if i := strings.Index(uri, "://"); i > 0 && !strings.ContainsAny(uri[:i], "/") {
		return "", fmt.Errorf("%s: the %s:// scheme is not supported by local storage", uri, uri[:i])
	}
	return uri, nil
}
