package webhdfs

import (
	"context"
	"path"
	"sync"
)

// Exists reports whether uri exists: GETFILESTATUS answering 200 means
// yes, FileNotFoundException means no, anything else is an error. It has
// the shape of coordc's schedule.Storage, for done-flag checks.
func (c *Client) Exists(uri string) (bool, error) {
	return c.ExistsContext(context.Background(), uri)
}

// ExistsContext is Exists under ctx.
func (c *Client) ExistsContext(ctx context.Context, uri string) (bool, error) {
	_, err := c.Stat(ctx, uri)
	if err == nil {
		return true, nil
	}
	if IsNotFound(err) {
		return false, nil
	}
	return false, err
}

// Tick answers existence checks for one scheduler tick with one
// LISTSTATUS per parent directory: the first check under a directory
// lists it, later checks under the same directory read the cached names.
// A missing parent means every path under it is missing. A listing that
// failed fails every check under that directory for the rest of the tick;
// the next tick asks again. The root always exists. A Tick is safe for
// concurrent use; concurrent checks under one directory share one request.
// It sees the file system as of its first look at each directory, so
// make a new Tick for every scheduler tick.
type Tick struct {
	c   *Client
	ctx context.Context

	mu   sync.Mutex
	dirs map[dirKey]*listing
}

type dirKey struct{ nameservice, dir string }

// listing is the cached answer for one directory; ready closes when names
// and err are set.
type listing struct {
	ready chan struct{}
	names map[string]bool
	err   error
}

// NewTick starts a tick whose requests run under ctx.
func (c *Client) NewTick(ctx context.Context) *Tick {
	return &Tick{c: c, ctx: ctx, dirs: map[dirKey]*listing{}}
}

// Exists reports whether uri exists, from its parent's listing. It has the
// shape of coordc's schedule.Storage.
func (t *Tick) Exists(uri string) (bool, error) {
	loc, err := t.c.resolver.Resolve(uri)
	if err != nil {
		return false, err
	}
	if loc.Path == "/" {
		return true, nil
	}
	dir, name := path.Split(loc.Path)
	l := t.listing(loc, path.Clean(dir))
	select {
	case <-l.ready:
	case <-t.ctx.Done():
		return false, t.ctx.Err()
	}
	if l.err != nil {
		return false, l.err
	}
	return l.names[name], nil
}

// listing returns the directory's cached listing, fetching it if this is
// the first look.
func (t *Tick) listing(loc Location, dir string) *listing {
	key := dirKey{loc.Nameservice, dir}
	t.mu.Lock()
	l, seen := t.dirs[key]
	if !seen {
		l = &listing{ready: make(chan struct{})}
		t.dirs[key] = l
	}
	t.mu.Unlock()
	if seen {
		return l
	}
	defer close(l.ready)
	loc.Path = dir
	entries, err := t.c.listStatusAt(t.ctx, loc)
	if IsNotFound(err) {
		return l
	}
	if err != nil {
		l.err = err
		return l
	}
	l.names = make(map[string]bool, len(entries))
	for _, e := range entries {
		l.names[e.PathSuffix] = true
	}
	return l
}
