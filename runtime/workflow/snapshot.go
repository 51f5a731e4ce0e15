package workflow

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// snapshotLinksMax bounds the durable snapshots an Engine remembers for
// linking (one per distinct definition; most applies run a few).
const snapshotLinksMax = 256

// writeSnapshot writes a job's definition snapshot to path durably: the
// wf_jobs row committed next relies on it after a power loss. A snapshot
// of the same bytes this Engine already wrote durably is hard-linked
// instead of written and synced again (the linked file is the same
// inode, whose data is on disk), so the many jobs of one definition cost
// one fsync rather than one each. Like the rename of a written snapshot,
// the link replaces path atomically; a path that is a link to that file
// already is left as it is.
func (e *Engine) writeSnapshot(path string, data []byte) error {
	key := sha256.Sum256(data)
	if prev, ok := e.snaps.get(key); ok && linkSnapshot(prev, path) == nil {
		return nil
	}
	if err := writeAtomic(path, data, true); err != nil {
		return err
	}
	return e.snaps.put(key, path)
}

// writeConf writes an action configuration to path as writeFirst does,
// except that a configuration of the same bytes this Engine wrote before
// for another launch is hard-linked to the new path instead: a new file
// costs an inode, the costliest part of a launch on some file systems,
// and the actions of one coordinator mostly share their configuration.
// The file is the command's to read; one whose size or modification time
// changed since it was written (a command wrote to it) is not linked
// again.
func (e *Engine) writeConf(path string, data []byte) error {
	key := sha256.Sum256(data)
	if prev, ok := e.confs.get(key); ok && linkUnchanged(prev, path) == nil {
		return nil
	}
	if err := writeFirst(path, data); err != nil {
		return err
	}
	return e.confs.put(key, path)
}

// linkUnchanged links src's file to a path that does not exist yet; it
// fails, leaving nothing behind, unless the link is src's inode with the
// size and modification time it had when written.
func linkUnchanged(src durableFile, path string) error {
	if err := os.Link(src.path, path); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err == nil && (!os.SameFile(info, src.info) || info.Size() != src.info.Size() || !info.ModTime().Equal(src.info.ModTime())) {
		err = fmt.Errorf("%s was replaced or changed", src.path)
	}
	if err != nil {
		os.Remove(path) // the link made just now
	}
	return err
}

// durableFile is a file this Engine wrote and synced: its path and what
// identifies its inode.
type durableFile struct {
	path string
	info os.FileInfo
}

// writtenFiles remembers files an Engine wrote, by the hash of their
// content, so that later files of the same bytes can be linked to them. It
// forgets everything when it holds snapshotLinksMax files.
type writtenFiles struct {
	mu    sync.Mutex
	files map[[sha256.Size]byte]durableFile
}

func (w *writtenFiles) get(key [sha256.Size]byte) (durableFile, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f, ok := w.files[key]
	return f, ok
}

// put remembers the file just written at path.
func (w *writtenFiles) put(key [sha256.Size]byte, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil || len(w.files) >= snapshotLinksMax {
		w.files = map[[sha256.Size]byte]durableFile{}
	}
	w.files[key] = durableFile{path: path, info: info}
	return nil
}

// linkSeq numbers the temporary names of links, unique in the process.
var linkSeq atomic.Uint64

// linkSnapshot links src's file to path through a temporary name and a
// rename; a path that is a link to that file already (made by Prepare) is
// left as it is. It fails unless the link is the very inode written
// durably (the file at src.path may since have been replaced or removed)
// and src and path share a file system.
func linkSnapshot(src durableFile, path string) error {
	if err := makeDir(filepath.Dir(path)); err != nil {
		return err
	}
	// A new job's snapshot does not exist yet: link it in place (a link
	// is never seen partly); a path that exists is replaced through a
	// temporary name.
	if err := os.Link(src.path, path); err == nil {
		info, err := os.Stat(path)
		if err == nil && !os.SameFile(info, src.info) {
			err = fmt.Errorf("%s was replaced", src.path)
		}
		if err != nil {
			os.Remove(path) // the link made just now
		}
		return err
	} else if !errors.Is(err, fs.ErrExist) {
		return err
	}
	if info, err := os.Stat(path); err == nil && os.SameFile(info, src.info) {
		return nil
	}
	tmp := fmt.Sprintf("%s.%d-%d.link", path, os.Getpid(), linkSeq.Add(1))
	if err := os.Remove(tmp); err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := os.Link(src.path, tmp); err != nil {
		return err
	}
	info, err := os.Stat(tmp)
	if err == nil && !os.SameFile(info, src.info) {
		err = fmt.Errorf("%s was replaced", src.path)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// makeDir makes the directory path (mode 0700) and its missing parents as
// os.MkdirAll does, but tries path itself first: a new job's directories
// cost a mkdir each, without MkdirAll's stat of every level before.
func makeDir(path string) error {
	err := os.Mkdir(path, 0o700)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) && makeDir(filepath.Dir(path)) == nil {
		if err = os.Mkdir(path, 0o700); err == nil {
			return nil
		}
	}
	// It exists (a directory, or not: MkdirAll says which), was made
	// meanwhile, or cannot be made: MkdirAll reports it as usual.
	return os.MkdirAll(path, 0o700)
}
