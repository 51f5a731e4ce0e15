package workflow

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxArchiveBytes bounds what an archive may unpack to (1 GiB), so that a
// bad archive cannot fill the disk.
const maxArchiveBytes = 1 << 30

// unpackArchive unpacks a .zip, .jar, .tar, .tar.gz or .tgz file into the
// directory dest, as Hadoop's distributed cache unpacks an <archive> into a
// directory named by its link. dest is replaced atomically: the archive is
// unpacked next to it first, so a crash leaves either the old or the new
// content. Entries that would land outside dest, links and special files
// are refused.
func unpackArchive(src, dest string) error {
	tmp := fmt.Sprintf("%s.%d.unpack", dest, os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	lower := strings.ToLower(src)
	var err error
	switch {
	case strings.HasSuffix(lower, ".zip"), strings.HasSuffix(lower, ".jar"):
		err = unzip(src, tmp)
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"), strings.HasSuffix(lower, ".tar"):
		err = untar(src, tmp, !strings.HasSuffix(lower, ".tar"))
	default:
		return fmt.Errorf("archive %s: coordc unpacks .zip, .jar, .tar, .tar.gz and .tgz archives", src)
	}
	if err != nil {
		return fmt.Errorf("archive %s: %w", src, err)
	}
	old := dest + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// entryPath joins a member name to dir, refusing names that leave it.
func entryPath(dir, name string) (string, error) {
	clean := filepath.FromSlash(strings.TrimPrefix(name, "./"))
	if clean == "" || !filepath.IsLocal(clean) {
		return "", fmt.Errorf("member %q would be unpacked outside the archive's directory", name)
	}
	return filepath.Join(dir, clean), nil
}

// budget counts the bytes unpacked against maxArchiveBytes.
type budget struct{ left int64 }

func (b *budget) copy(path string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode&0o755|0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, b.left+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if b.left -= n; b.left < 0 {
		return fmt.Errorf("unpacks to more than %d bytes", int64(maxArchiveBytes))
	}
	return err
}

func unzip(src, dir string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	b := &budget{left: maxArchiveBytes}
	for _, f := range zr.File {
		p, err := entryPath(dir, f.Name)
		if err != nil {
			return err
		}
		switch m := f.Mode(); {
		case m.IsDir():
			if err := os.MkdirAll(p, 0o700); err != nil {
				return err
			}
		case m.IsRegular():
			rc, err := f.Open()
			if err != nil {
				return err
			}
			err = b.copy(p, rc, m)
			rc.Close()
			if err != nil {
				return err
			}
		default:
			return fmt.Errorf("member %q is not a regular file or directory", f.Name)
		}
	}
	return nil
}

func untar(src, dir string, gzipped bool) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if gzipped {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer gz.Close()
		r = gz
	}
	tr := tar.NewReader(r)
	b := &budget{left: maxArchiveBytes}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag == tar.TypeXGlobalHeader {
			continue
		}
		p, err := entryPath(dir, h.Name)
		if err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o700); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := b.copy(p, tr, h.FileInfo().Mode()); err != nil {
				return err
			}
		default:
			return fmt.Errorf("member %q is not a regular file or directory", h.Name)
		}
	}
}
