package workflow

import (
	"os"
	"syscall"

	"github.com/coordc/coordc/compiler/el"
)

// blockSize is the preferred I/O size of a file's file system (the local
// analogue of an HDFS block size), -1 for a missing path or a directory.
func blockSize(fi os.FileInfo) el.Value {
	if fi == nil || fi.IsDir() {
		return int64(-1)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int64(st.Blksize)
	}
	return int64(-1)
}
