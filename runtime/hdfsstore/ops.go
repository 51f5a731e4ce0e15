package hdfsstore

import (
	"context"
	"path"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/webhdfs"
)

// Mkdir makes a directory and its missing parents; an existing directory
// is fine.
func (s *Storage) Mkdir(ctx context.Context, uri string) error {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return err
		}
		return localMkdir(p)
	}
	c, err := s.client(uri)
	if err != nil {
		return err
	}
	defer s.changed()
	ok, err := c.Mkdirs(ctx, uri, "")
	if err == nil && !ok {
		return errorf(KindIO, "mkdir %s: the NameNode did not create the directory", uri)
	}
	return ioError(err)
}

// RemoveAll deletes a file or a directory tree; a missing path is fine.
// The root directory is never deleted.
func (s *Storage) RemoveAll(ctx context.Context, uri string) error {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return err
		}
		if p == "" || path.Clean(p) == "/" {
			return errorf(KindIO, "delete: refusing to delete %q", uri)
		}
		return localRemoveAll(p)
	}
	c, err := s.client(uri)
	if err != nil {
		return err
	}
	if loc, err := c.Resolver().Resolve(uri); err != nil {
		return ioError(err)
	} else if loc.Path == "/" {
		return errorf(KindIO, "delete: refusing to delete the root directory %q", uri)
	}
	defer s.changed()
	_, err = c.Delete(ctx, uri, true)
	return ioError(err)
}

// Move renames source to target, as Hadoop's rename: an existing target
// directory receives source inside it. A target that is an absolute path
// without a scheme is on source's file system. With recovery (an fs action
// run again after a crash) a missing source whose target exists counts as
// moved.
func (s *Storage) Move(ctx context.Context, source, target string, recovery bool) error {
	if !IsHDFS(source) {
		if IsHDFS(target) {
			return errorf(KindUnsupported, "move: %s and %s are on different file systems; a move stays within one", source, target)
		}
		src, err := local(source)
		if err != nil {
			return err
		}
		dst, err := local(target)
		if err != nil {
			return err
		}
		return localMove(src, dst, recovery)
	}
	c, err := s.client(source)
	if err != nil {
		return err
	}
	if !IsHDFS(target) && !strings.HasPrefix(target, "/") {
		return errorf(KindUnsupported, "move: %s and %s are on different file systems; a move stays within one", source, target)
	}
	defer s.changed()
	ok, err := c.Rename(ctx, source, target)
	if err != nil || ok {
		return ioError(err)
	}
	// HDFS answers false without saying why: find out.
	if exists, err := c.ExistsContext(ctx, source); err != nil {
		return ioError(err)
	} else if exists {
		return errorf(KindIO, "move: HDFS refused to rename %s to %s: the target exists as a file or its parent directory is missing", source, target)
	}
	if recovery {
		if moved, err := s.movedTo(ctx, c, source, target); err != nil || moved {
			return err
		}
	}
	return errorf(KindSourceMissing, "move: source [%s] does not exist", source)
}

// movedTo reports whether source's name exists at target (inside it, when
// target is a directory).
func (s *Storage) movedTo(ctx context.Context, c *webhdfs.Client, source, target string) (bool, error) {
	st, err := c.Stat(ctx, sameFS(source, target))
	if webhdfs.IsNotFound(err) {
		return false, nil
	}
	if err != nil || !st.IsDir() {
		return err == nil, ioError(err)
	}
	loc, err := c.Resolver().Resolve(source)
	if err != nil {
		return false, ioError(err)
	}
	exists, err := c.ExistsContext(ctx, sameFS(source, path.Join(targetPath(target), path.Base(loc.Path))))
	return exists, ioError(err)
}

// sameFS makes an absolute path an URI on source's file system.
func sameFS(source, p string) string {
	if !strings.HasPrefix(p, "/") {
		return p
	}
	scheme, rest, _ := strings.Cut(source, "://")
	authority, _, _ := strings.Cut(rest, "/")
	return scheme + "://" + authority + p
}

// targetPath is the path part of a target path or URI.
func targetPath(target string) string {
	if _, rest, ok := strings.Cut(target, "://"); ok {
		_, p, _ := strings.Cut(rest, "/")
		return "/" + p
	}
	return target
}

// Touchz makes an empty file; an existing empty file is fine, anything
// else existing is KindNotEmpty.
func (s *Storage) Touchz(ctx context.Context, uri string) error {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return err
		}
		return localTouchz(p)
	}
	c, err := s.client(uri)
	if err != nil {
		return err
	}
	// A CREATE without overwrite is not repeated by the client after a
	// lost answer (it may have run), but touchz is safe to repeat: look
	// again, and an empty file there is done (issue 11: a connection reset
	// during touchz failed an action whose work had finished).
	for round := range touchzRounds {
		st, err := c.Stat(ctx, uri)
		switch {
		case webhdfs.IsNotFound(err):
			s.changed()
			err = c.Create(ctx, uri, nil, nil)
			if webhdfs.IsUnreachable(err) && round < touchzRounds-1 {
				if err := sleepCtx(ctx, touchzBackoff<<round); err != nil {
					return ioError(err)
				}
				continue
			}
			if !webhdfs.IsAlreadyExists(err) {
				return ioError(err)
			}
			continue // made by someone else meanwhile (or by our lost request): look again
		case err != nil:
			return ioError(err)
		case st.IsDir() || st.Length > 0:
			return errorf(KindNotEmpty, "touchz: [%s] exists and is not an empty file", uri)
		}
		return nil
	}
	return errorf(KindIO, "touchz: [%s] keeps changing", uri)
}

// touchzRounds bounds how often Touchz looks and creates; touchzBackoff is
// the first wait after an unanswered CREATE, doubled each round.
const (
	touchzRounds  = 5
	touchzBackoff = 250 * time.Millisecond
)

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Chmod sets permissions given in octal ("755") or symbolic ("rwxr-xr-x")
// form. On a directory, dirFiles also changes the files directly in it;
// recursive changes the whole tree. HDFS is refused: the WebHDFS client
// has no SETPERMISSION.
func (s *Storage) Chmod(ctx context.Context, uri, perm string, dirFiles, recursive bool) error {
	mode, err := ParsePermission(perm)
	if err != nil {
		return err
	}
	if IsHDFS(uri) {
		return errorf(KindUnsupported, "chmod: %s: changing permissions on HDFS is not supported by coordc; run `hdfs dfs -chmod` in a shell action", uri)
	}
	p, err := local(uri)
	if err != nil {
		return err
	}
	return localChmod(p, mode, dirFiles, recursive)
}
