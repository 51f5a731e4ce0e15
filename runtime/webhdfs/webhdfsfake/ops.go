package webhdfsfake

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// invalidParam is how the NameNode reports a parameter it cannot parse.
func invalidParam(name, cause string) *remote {
	return newRemote(exIllegalArg, fmt.Sprintf("Invalid value for webhdfs parameter \"%s\": %s", name, cause))
}

// parsePermission reads the permission parameter: radix-8, 0 to 1777.
func parsePermission(q url.Values, def uint16) (uint16, *remote) {
	v := q.Get("permission")
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseUint(v, 8, 16)
	if err != nil || n > 0o1777 {
		return 0, invalidParam("permission", fmt.Sprintf("Invalid value: \"%s\" does not belong to the domain [0-1]?[0-7][0-7][0-7]", v))
	}
	return uint16(n), nil
}

// parseBool reads a true/false parameter (case-insensitive, default false).
func parseBool(q url.Values, name string) (bool, *remote) {
	switch v := strings.ToLower(q.Get(name)); v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, invalidParam(name, fmt.Sprintf("Invalid value: \"%s\" does not belong to the domain true|false", q.Get(name)))
	}
}

// parseNonNegative reads a long parameter that must be >= 0; -1 means
// absent.
func parseNonNegative(q url.Values, name string) (int64, *remote) {
	v := q.Get(name)
	if v == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, invalidParam(name, fmt.Sprintf("Invalid value: \"%s\" must be a non-negative long", v))
	}
	return n, nil
}

// boolean is the Boolean JSON answer.
func boolean(b bool) map[string]bool { return map[string]bool{"boolean": b} }

// checkCreateAccess needs write permission on the deepest existing
// directory above the paths to be created.
func (s *Server) checkCreateAccess(who principal, p string) *remote {
	n, at, missing := s.tree.nearestExisting(p)
	if len(missing) == 0 {
		n, at, _ = s.tree.nearestExisting(path.Dir(p))
	}
	if !n.dir {
		return nil // the tree operation reports the file in the way
	}
	return s.checkAccess(who.user, n, at, accWrite)
}

// mkdirs is MKDIRS: make p and its parents; true when p is a directory
// afterwards.
func (s *Server) mkdirs(p string, who principal, q url.Values) (any, *remote) {
	perm, rerr := parsePermission(q, defaultDirPerm)
	if rerr != nil {
		return nil, rerr
	}
	if n := s.tree.lookup(p); n != nil && n.dir {
		return boolean(true), nil
	}
	if rerr := s.checkCreateAccess(who, p); rerr != nil {
		return nil, rerr
	}
	if _, rerr := s.tree.mkdirAll(p, who.user, perm); rerr != nil {
		return nil, rerr
	}
	return boolean(true), nil
}

// rename is RENAME with FileSystem.rename's old semantics: false, not an
// error, when the source is missing, the destination's parent is missing,
// the destination is an existing file or lies under the source; an
// existing destination directory receives the source inside it.
func (s *Server) rename(src string, who principal, q url.Values) (any, *remote) {
	dst := q.Get("destination")
	if !strings.HasPrefix(dst, "/") {
		return nil, invalidParam("destination", fmt.Sprintf("Invalid parameter value: destination = \"%s\" is not an absolute path.", dst))
	}
	dst = cleanPath(dst)
	n := s.tree.lookup(src)
	if n == nil || src == "/" {
		return boolean(false), nil
	}
	if d := s.tree.lookup(dst); d != nil && d.dir {
		dst = path.Join(dst, n.name)
	}
	if dst == src {
		return boolean(true), nil
	}
	if strings.HasPrefix(dst, src+"/") || s.tree.lookup(dst) != nil {
		return boolean(false), nil
	}
	srcParent, _ := s.tree.parentOf(src)
	dstParent, rerr := s.tree.parentOf(dst)
	if rerr == errNoParent {
		return boolean(false), nil
	} else if rerr != nil {
		return nil, rerr
	}
	for _, dir := range []struct {
		n *inode
		p string
	}{{srcParent, path.Dir(src)}, {dstParent, path.Dir(dst)}} {
		if rerr := s.checkAccess(who.user, dir.n, dir.p, accWrite); rerr != nil {
			return nil, rerr
		}
	}
	delete(srcParent.children, n.name)
	n.name = path.Base(dst)
	dstParent.children[n.name] = n
	srcParent.mtime, dstParent.mtime = s.tree.now(), s.tree.now()
	return boolean(true), nil
}

// delete is DELETE: false when nothing was deleted (missing path, or the
// root), an error for a non-empty directory without recursive=true.
func (s *Server) delete(p string, who principal, q url.Values) (any, *remote) {
	recursive, rerr := parseBool(q, "recursive")
	if rerr != nil {
		return nil, rerr
	}
	n := s.tree.lookup(p)
	if n == nil || p == "/" {
		return boolean(false), nil
	}
	if n.dir && len(n.children) > 0 && !recursive {
		return nil, newRemote(exNotEmpty, "`"+p+" is non empty': Directory is not empty")
	}
	parent, _ := s.tree.parentOf(p)
	if rerr := s.checkAccess(who.user, parent, path.Dir(p), accWrite); rerr != nil {
		return nil, rerr
	}
	s.tree.remove(p)
	return boolean(true), nil
}
