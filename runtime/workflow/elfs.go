package workflow

import (
	"context"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
)

// The fs: EL functions read paths through the engine's Files, so local
// paths, file:// URIs and (with a WebHDFS endpoint) hdfs:// URIs alike, with
// Oozie's FsELFunctions semantics: a missing path is not an error (false,
// or -1 for the sizes); any other failure is.

func (s *evalState) storage() (*hdfsstore.Storage, context.Context) {
	ctx := s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if s.files == nil {
		return hdfsstore.New(nil), ctx
	}
	return s.files, ctx
}

// fsFunc is a one-argument fs: function of the path's status.
func (s *evalState) fsFunc(f func(fi hdfsstore.FileInfo, found bool) el.Value) el.Func {
	return func(_ *ir.Call, a []el.Value) (el.Value, error) {
		files, ctx := s.storage()
		fi, found, err := files.Stat(ctx, str(a[0]))
		if err != nil {
			return nil, err
		}
		return f(fi, found), nil
	}
}

// fileOnly gives a file's figure, and -1 for a directory or a missing
// path (fs:fileSize, fs:blockSize).
func fileOnly(get func(hdfsstore.FileInfo) int64) func(hdfsstore.FileInfo, bool) el.Value {
	return func(fi hdfsstore.FileInfo, found bool) el.Value {
		if !found || fi.Dir {
			return int64(-1)
		}
		return get(fi)
	}
}

// dirSize is fs:dirSize: the total size of the files directly in a
// directory (not recursive), -1 for a file or a missing path.
func (s *evalState) dirSize(_ *ir.Call, a []el.Value) (el.Value, error) {
	files, ctx := s.storage()
	fi, found, err := files.Stat(ctx, str(a[0]))
	if err != nil {
		return nil, err
	}
	if !found || !fi.Dir {
		return int64(-1), nil
	}
	entries, found, err := files.List(ctx, str(a[0]))
	if err != nil {
		return nil, err
	}
	if !found {
		return int64(-1), nil // removed between the two requests
	}
	var n int64
	for _, e := range entries {
		if !e.Dir {
			n += e.Size
		}
	}
	return n, nil
}
