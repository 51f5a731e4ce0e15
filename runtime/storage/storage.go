// Package storage answers the one question coordc asks of dataset storage:
// does this path exist? It resolves dataset URIs to a backend. Local paths
// and file:// URIs are served from the local file system; hdfs:// and
// webhdfs:// need the runtime's WebHDFS client and are refused here with a
// clear error.
package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
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

// LocalPath maps a plain path or a file:// URI to a local path.
func LocalPath(uri string) (string, error) {
	if rest, ok := strings.CutPrefix(uri, "file://"); ok {
		return rest, nil
	}
	if i := strings.Index(uri, "://"); i > 0 && !strings.ContainsAny(uri[:i], "/") {
		return "", fmt.Errorf("%s: the %s:// scheme is not supported by local storage", uri, uri[:i])
	}
	return uri, nil
}
