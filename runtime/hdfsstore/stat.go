package hdfsstore

import (
	"context"
	"os"
	"syscall"

	"github.com/coordc/coordc/runtime/webhdfs"
)

// FileInfo is what Stat and List tell about one path, the same for HDFS
// and the local file system.
type FileInfo struct {
	Name      string // the last path element (List only)
	Dir       bool
	Size      int64 // bytes; 0 for a directory
	BlockSize int64 // HDFS's block size; locally the file system's preferred I/O size
}

// Stat describes the path or URI; found is false for a missing path,
// which is not an error.
func (s *Storage) Stat(ctx context.Context, uri string) (fi FileInfo, found bool, err error) {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return FileInfo{}, false, err
		}
		st, err := os.Stat(p)
		if isNotExist(err) {
			return FileInfo{}, false, nil
		}
		if err != nil {
			return FileInfo{}, false, ioError(err)
		}
		return localInfo(st), true, nil
	}
	c, err := s.client(uri)
	if err != nil {
		return FileInfo{}, false, err
	}
	st, err := c.Stat(ctx, uri)
	if webhdfs.IsNotFound(err) {
		return FileInfo{}, false, nil
	}
	if err != nil {
		return FileInfo{}, false, ioError(err)
	}
	return hdfsInfo(st), true, nil
}

// List describes the entries of a directory (a file lists as itself);
// found is false for a missing path. Local entries that are neither
// regular files nor directories (symbolic links, devices) are left out.
func (s *Storage) List(ctx context.Context, uri string) (entries []FileInfo, found bool, err error) {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return nil, false, err
		}
		st, err := os.Stat(p)
		if isNotExist(err) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, ioError(err)
		}
		if !st.IsDir() {
			return []FileInfo{localInfo(st)}, true, nil
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, false, ioError(err)
		}
		for _, e := range ents {
			st, err := e.Info()
			if err != nil || !st.Mode().IsRegular() && !st.IsDir() {
				continue // gone since the listing, or neither a file nor a directory (a link, a device)
			}
			entries = append(entries, localInfo(st))
		}
		return entries, true, nil
	}
	c, err := s.client(uri)
	if err != nil {
		return nil, false, err
	}
	list, err := c.List(ctx, uri)
	if webhdfs.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, ioError(err)
	}
	for _, st := range list {
		entries = append(entries, hdfsInfo(st))
	}
	return entries, true, nil
}

func localInfo(st os.FileInfo) FileInfo {
	fi := FileInfo{Name: st.Name(), Dir: st.IsDir()}
	if !fi.Dir {
		fi.Size = st.Size()
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		fi.BlockSize = int64(sys.Blksize)
	}
	return fi
}

func hdfsInfo(st webhdfs.FileStatus) FileInfo {
	return FileInfo{Name: st.PathSuffix, Dir: st.IsDir(), Size: st.Length, BlockSize: st.BlockSize}
}
