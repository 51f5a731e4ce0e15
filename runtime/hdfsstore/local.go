package hdfsstore

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func localMkdir(p string) error { return ioError(os.MkdirAll(p, 0o755)) }

func localRemoveAll(p string) error { return ioError(os.RemoveAll(p)) }

func localTouchz(p string) error {
	fi, err := os.Stat(p)
	switch {
	case isNotExist(err):
		f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return ioError(err)
		}
		return ioError(f.Close())
	case err != nil:
		return ioError(err)
	case fi.IsDir() || fi.Size() > 0:
		return errorf(KindNotEmpty, "touchz: [%s] exists and is not an empty file", p)
	}
	return nil
}

// localMove renames source to target; a target that is a directory
// receives source inside it, as Hadoop's rename does.
func localMove(source, target string, recovery bool) error {
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		target = filepath.Join(target, filepath.Base(source))
	}
	if _, err := os.Lstat(source); isNotExist(err) {
		if _, terr := os.Lstat(target); recovery && terr == nil {
			return nil
		}
		return errorf(KindSourceMissing, "move: source [%s] does not exist", source)
	}
	return ioError(os.Rename(source, target))
}

func localChmod(p string, mode os.FileMode, dirFiles, recursive bool) error {
	if recursive {
		return ioError(filepath.WalkDir(p, func(q string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Chmod(q, mode)
		}))
	}
	if err := os.Chmod(p, mode); err != nil {
		return ioError(err)
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() && dirFiles {
		ents, err := os.ReadDir(p)
		if err != nil {
			return ioError(err)
		}
		for _, e := range ents {
			if e.Type().IsRegular() {
				if err := os.Chmod(filepath.Join(p, e.Name()), mode); err != nil {
					return ioError(err)
				}
			}
		}
	}
	return nil
}

// ParsePermission reads permissions in octal ("755", "0640") or symbolic
// ("rwxr-x---", "-rw-r--r--") form; anything else is KindPermissions.
func ParsePermission(s string) (os.FileMode, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseUint(s, 8, 32); err == nil && n <= 0o777 {
		return os.FileMode(n), nil
	}
	sym := strings.TrimPrefix(s, "-")
	if len(sym) == 9 {
		var m os.FileMode
		for i, c := range sym {
			want := "rwx"[i%3]
			switch {
			case byte(c) == want:
				m |= 1 << (8 - i)
			case c != '-':
				return 0, errorf(KindPermissions, "chmod: invalid permissions %q", s)
			}
		}
		return m, nil
	}
	return 0, errorf(KindPermissions, "chmod: invalid permissions %q; use octal (755) or symbolic (rwxr-xr-x) form", s)
}
