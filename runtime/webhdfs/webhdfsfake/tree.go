package webhdfsfake

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Defaults of the in-memory tree, as a fresh HDFS would report them.
const (
	rootInodeID      = 16385 // INodeId.ROOT_INODE_ID
	defaultBlockSize = 134217728
	defaultRepl      = 3
	defaultFilePerm  = 0o644
	defaultDirPerm   = 0o755
	superGroup       = "supergroup"
)

// inode is a file or directory of the in-memory tree.
type inode struct {
	id       int64
	name     string
	dir      bool
	children map[string]*inode
	data     []byte
	owner    string
	group    string
	perm     uint16
	mtime    int64
	atime    int64
}

// sortedChildren returns the children of a directory in HDFS listing
// order: byte-wise by name.
func (n *inode) sortedChildren() []*inode {
	out := make([]*inode, 0, len(n.children))
	for _, c := range n.children {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// permString renders the mode as WebHDFS does: octal, sticky bit as a
// fourth digit.
func (n *inode) permString() string {
	return strconv.FormatUint(uint64(n.perm), 8)
}

// symbolic renders the mode as HDFS permission-denied messages do.
func (n *inode) symbolic() string {
	var b strings.Builder
	if n.dir {
		b.WriteByte('d')
	} else {
		b.WriteByte('-')
	}
	const rwx = "rwxrwxrwx"
	for i := 0; i < 9; i++ {
		if n.perm&(1<<(8-i)) != 0 {
			b.WriteByte(rwx[i])
		} else {
			b.WriteByte('-')
		}
	}
	if n.perm&0o1000 != 0 {
		s := []byte(b.String())
		if s[9] == 'x' {
			s[9] = 't'
		} else {
			s[9] = 'T'
		}
		return string(s)
	}
	return b.String()
}

// tree is the namespace. It is not safe for concurrent use; Server
// guards it.
type tree struct {
	root   *inode
	nextID int64
	now    func() int64
}

func newTree(now func() int64, owner string) *tree {
	t := &tree{nextID: rootInodeID + 1, now: now}
	t.root = &inode{id: rootInodeID, dir: true, children: map[string]*inode{},
		owner: owner, group: superGroup, perm: defaultDirPerm, mtime: now()}
	return t
}

// cleanPath makes p absolute and clean. WebHDFS paths are always absolute.
func cleanPath(p string) string {
	return path.Clean("/" + p)
}

// split returns the names along a clean absolute path.
func split(p string) []string {
	if p == "/" {
		return nil
	}
	return strings.Split(p[1:], "/")
}

// lookup finds the inode at p, or nil.
func (t *tree) lookup(p string) *inode {
	n := t.root
	for _, name := range split(p) {
		if !n.dir {
			return nil
		}
		n = n.children[name]
		if n == nil {
			return nil
		}
	}
	return n
}

// parentOf finds the directory that holds p (p != "/"), or explains why
// there is none: errNoParent when an ancestor is missing, a
// ParentNotDirectoryException when an ancestor is a file.
func (t *tree) parentOf(p string) (*inode, *remote) {
	names := split(p)
	n := t.root
	walked := ""
	for _, name := range names[:len(names)-1] {
		walked += "/" + name
		c := n.children[name]
		if c == nil {
			return nil, errNoParent
		}
		if !c.dir {
			return nil, newRemote(exParentNotDir, "Parent path is not a directory: "+walked)
		}
		n = c
	}
	return n, nil
}

// nearestExisting returns the deepest existing ancestor-or-self of p and
// the names below it that do not exist yet.
func (t *tree) nearestExisting(p string) (*inode, string, []string) {
	n, at := t.root, "/"
	names := split(p)
	for i, name := range names {
		c := n.children[name]
		if c == nil || !n.dir {
			return n, at, names[i:]
		}
		n, at = c, path.Join(at, name)
	}
	return n, at, nil
}

// mkdirAll creates p and its missing ancestors, owned by owner.
func (t *tree) mkdirAll(p, owner string, perm uint16) (*inode, *remote) {
	n, at, missing := t.nearestExisting(p)
	if !n.dir {
		if len(missing) == 0 {
			return nil, newRemote(exAlreadyExists, "Path is not a directory: "+p)
		}
		return nil, newRemote(exParentNotDir, "Parent path is not a directory: "+at)
	}
	for _, name := range missing {
		c := t.newInode(name, true, owner, perm)
		n.children[name] = c
		n.mtime = c.mtime
		n = c
	}
	return n, nil
}

func (t *tree) newInode(name string, dir bool, owner string, perm uint16) *inode {
	n := &inode{id: t.nextID, name: name, dir: dir, owner: owner, group: superGroup,
		perm: perm, mtime: t.now()}
	t.nextID++
	if dir {
		n.children = map[string]*inode{}
	} else {
		n.atime = n.mtime
	}
	return n
}

// createFile makes or truncates the file at p, creating parent directories
// as HDFS create does (createParent is true over WebHDFS).
func (t *tree) createFile(p, owner string, perm uint16, overwrite bool) (*inode, *remote) {
	if p == "/" {
		return nil, newRemote(exAlreadyExists, "/ already exists as a directory")
	}
	if old := t.lookup(p); old != nil {
		if old.dir {
			return nil, newRemote(exAlreadyExists, p+" already exists as a directory")
		}
		if !overwrite {
			return nil, newRemote(exAlreadyExists, fmt.Sprintf("%s for client 127.0.0.1 already exists", p))
		}
	}
	dir, rerr := t.mkdirAll(path.Dir(p), owner, defaultDirPerm)
	if rerr != nil {
		return nil, rerr
	}
	f := t.newInode(path.Base(p), false, owner, perm)
	dir.children[f.name] = f
	dir.mtime = f.mtime
	return f, nil
}

// remove unlinks p from its parent.
func (t *tree) remove(p string) {
	parent, _ := t.parentOf(p)
	if parent != nil {
		delete(parent.children, path.Base(p))
		parent.mtime = t.now()
	}
}
