package webhdfsfake

import (
	"errors"
	"strconv"
)

// WriteFile creates or replaces the file at p with data, making missing
// parent directories. The superuser owns what it creates; permissions are
// 644 for the file and 755 for directories.
func (s *Server) WriteFile(p string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, rerr := s.tree.createFile(cleanPath(p), s.opts.Superuser, defaultFilePerm, true)
	if rerr != nil {
		return rerr
	}
	f.data = append([]byte(nil), data...)
	return nil
}

// MkdirAll makes the directory p and its missing parents, owned by the
// superuser with permission 755.
func (s *Server) MkdirAll(p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, rerr := s.tree.mkdirAll(cleanPath(p), s.opts.Superuser, defaultDirPerm)
	if rerr != nil {
		return rerr
	}
	return nil
}

// ReadFile returns a copy of the content of the file at p.
func (s *Server) ReadFile(p string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.tree.lookup(cleanPath(p))
	if n == nil || n.dir {
		return nil, errors.New("webhdfsfake: no file " + p)
	}
	return append([]byte(nil), n.data...), nil
}

// Chmod sets the permission of p from an octal string such as "750" or
// "1777".
func (s *Server) Chmod(p, perm string) error {
	mode, err := strconv.ParseUint(perm, 8, 16)
	if err != nil || mode > 0o1777 {
		return errors.New("webhdfsfake: bad permission " + strconv.Quote(perm))
	}
	return s.update(p, func(n *inode) { n.perm = uint16(mode) })
}

// Chown sets the owner and group of p; an empty value keeps the old one.
func (s *Server) Chown(p, owner, group string) error {
	return s.update(p, func(n *inode) {
		if owner != "" {
			n.owner = owner
		}
		if group != "" {
			n.group = group
		}
	})
}

func (s *Server) update(p string, f func(*inode)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.tree.lookup(cleanPath(p))
	if n == nil {
		return errors.New("webhdfsfake: no such path " + p)
	}
	f(n)
	return nil
}
