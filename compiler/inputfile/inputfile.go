// Package inputfile reads the files users hand to coordc (definitions,
// properties, variables, configuration) safely: only regular files, and
// never more than a limit. FileURIPath is the one reading of file: URIs
// (absolute paths of this machine only), for the compiler and the runtime.
//
// A named pipe would block the reader forever and a device such as
// /dev/zero never ends, and a symbolic link can make either look like
// p.xml. So Open opens without blocking, checks the opened file (not the
// name, which could be swapped in between) and refuses anything but a
// regular file by name; Read then reads through a limited reader instead
// of trusting the size the file system reports. Directory walks skip what
// IsRegular rejects.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// MaxSize is the default limit of Read: 16 MiB, the limit of the XML and
// HCL front ends. Definitions and job properties are far smaller.
const MaxSize = 16 << 20

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file (a directory, named pipe, socket or device).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for input over its limit.
var ErrTooLarge = errors.New("file too large")

// Open opens path for reading if it is, after following symbolic links, a
// regular file; otherwise the error wraps ErrNotRegular and names what it
// is. Opening never blocks (a named pipe without a writer is refused, not
// waited for).
func Open(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is %s, %w: coordc reads its input only from regular files", path, kind(fi.Mode()), ErrNotRegular)
	}
	return f, nil
}

// Read reads a whole regular file of at most limit bytes (MaxSize when
// limit is 0 or less). Larger files are refused with an error wrapping
// ErrTooLarge, after reading at most limit+1 bytes.
func Read(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0 // a hint: the reported size is not trusted as a limit
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < MaxSize {
		size = int(fi.Size())
	}
	data, err := readAll(f, limit, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// ReadAll reads r to its end, refusing more than limit bytes (MaxSize
// when limit is 0 or less) with an error wrapping ErrTooLarge: for
// standard input and other streams.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	return readAll(r, limit, 0)
}

// readAll is ReadAll starting with room for size bytes, so that a file
// whose size is known is read into one allocation.
func readAll(r io.Reader, limit int64, size int) ([]byte, error) {
	if limit <= 0 {
		limit = MaxSize
	}
	data := make([]byte, 0, max(512, min(int64(size), limit)+1))
	lr := io.LimitReader(r, limit+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes (the limit is %s)", ErrTooLarge, limit, human(limit))
	}
	return data, nil
}

// IsRegular reports whether path is, after following symbolic links, a
// regular file. Directory walks use it to skip named pipes, devices,
// sockets and links to them.
func IsRegular(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// kind names a non-regular file mode for an error message.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// human writes a byte count in MiB or KiB when it is a whole number of
// them.
func human(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// IsRegularEntry is IsRegular for an entry of a directory walk at path,
// without a system call unless the entry is a symbolic link.
func IsRegularEntry(path string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink != 0 {
		return IsRegular(path)
	}
	return d.Type().IsRegular()
}

// IsFileURI reports whether uri has the file: scheme (in any case).
func IsFileURI(uri string) bool { return len(uri) >= 5 && strings.EqualFold(uri[:5], "file:") }

// FileURIPath maps a file: URI to the absolute local path it names:
// file:///p, file:/p and file://localhost/p name /p. Another authority
// (file://host/p) and a relative path (file:p) are errors: read as paths
// relative to the working directory, they split data between two places
// and let fs actions delete the wrong files (issue 11, F6).
func FileURIPath(uri string) (string, error) {
	rest := uri[len("file:"):]
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		host, p, _ := strings.Cut(after, "/")
		if host != "" && !strings.EqualFold(host, "localhost") {
			return "", fmt.Errorf("%s: a file: URI names this machine's files; its authority must be empty or localhost, not %q (write file:///path)", uri, host)
		}
		rest = "/" + p
	}
	if !strings.HasPrefix(rest, "/") {
		return "", fmt.Errorf("%s: a file: URI needs an absolute path (file:///path)", uri)
	}
	return rest, nil
}
