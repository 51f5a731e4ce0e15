package workflow

import (
	"container/list"
	"crypto/sha256"

	"github.com/coordc/coordc/compiler/ir"
)

// defCacheSize bounds the parsed definitions an Engine keeps: the
// workflows that run at one time, with room to spare.
const defCacheSize = 256

// defCache is a least-recently-used cache of parsed workflow snapshots,
// keyed by the hash of the snapshot's path and bytes (positions in a
// definition's diagnostics name its path). An Engine of a long apply
// used to keep every definition it ever parsed (issue 11: live heap 2 to
// 12 MB over 3,000 actions). Not safe for concurrent use; the Engine's
// mutex guards it.
type defCache struct {
	order *list.List // front: most recently used; values are *defEntry
	index map[[sha256.Size]byte]*list.Element
}

type defEntry struct {
	key [sha256.Size]byte
	w   *ir.Workflow
}

func newDefCache() *defCache {
	return &defCache{order: list.New(), index: map[[sha256.Size]byte]*list.Element{}}
}

// defKey is the cache key of a snapshot.
func defKey(path string, data []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(data)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// get returns the cached definition of key, or nil.
func (c *defCache) get(key [sha256.Size]byte) *ir.Workflow {
	el := c.index[key]
	if el == nil {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*defEntry).w
}

// put adds a definition, dropping the least recently used beyond
// defCacheSize.
func (c *defCache) put(key [sha256.Size]byte, w *ir.Workflow) {
	if el := c.index[key]; el != nil {
		el.Value.(*defEntry).w = w
		c.order.MoveToFront(el)
		return
	}
	c.index[key] = c.order.PushFront(&defEntry{key: key, w: w})
	for c.order.Len() > defCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.index, last.Value.(*defEntry).key)
	}
}

// len is the number of cached definitions.
func (c *defCache) len() int { return c.order.Len() }
