package hdfsstore

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/coordc/coordc/runtime/storage"
	"github.com/coordc/coordc/runtime/webhdfs"
)

// Storage serves paths and URIs by scheme: HDFS URIs through a WebHDFS
// client, everything else from the local file system. It is safe for
// concurrent use.
type Storage struct {
	hdfs *webhdfs.Client

	mu      sync.Mutex
	tick    *webhdfs.Tick
	tickCtx context.Context
}

// New returns a Storage. hdfs may be nil: HDFS URIs are then refused with
// an error saying how to configure a WebHDFS endpoint.
func New(hdfs *webhdfs.Client) *Storage { return &Storage{hdfs: hdfs} }

// HDFS returns the WebHDFS client, nil when there is none.
func (s *Storage) HDFS() *webhdfs.Client { return s.hdfs }

// IsHDFS reports whether uri has an HDFS scheme: hdfs://, webhdfs:// or
// swebhdfs:// (in any case).
func IsHDFS(uri string) bool {
	scheme, _, ok := strings.Cut(uri, "://")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "hdfs", "webhdfs", "swebhdfs":
		return true
	}
	return false
}

// client returns the WebHDFS client for uri, or the error of a Storage
// without one.
func (s *Storage) client(uri string) (*webhdfs.Client, error) {
	if s.hdfs == nil {
		return nil, errorf(KindUnsupported, "%s: no WebHDFS endpoint is configured; pass --webhdfs URL, set COORDC_WEBHDFS, or add a runtime { webhdfs { … } } block to .coordc.hcl", uri)
	}
	return s.hdfs, nil
}

// local maps a path or file:// URI to a local path; another scheme is
// KindUnsupported.
func local(uri string) (string, error) {
	p, err := storage.LocalPath(uri)
	if err != nil {
		return "", &Error{Kind: KindUnsupported, Msg: err.Error(), Err: err}
	}
	return p, nil
}

// BeginTick starts a new scheduler tick: until the next BeginTick, Exists
// on HDFS answers from one LISTSTATUS per parent directory, fetched under
// ctx on first use. Writes through the Storage drop the cached listings.
// Without BeginTick every Exists asks the NameNode (GETFILESTATUS).
func (s *Storage) BeginTick(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tickCtx = ctx
	s.tick = nil
	if s.hdfs != nil {
		s.tick = s.hdfs.NewTick(ctx)
	}
}

// changed drops the listings cached for the tick after a write.
func (s *Storage) changed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tick != nil {
		s.tick = s.hdfs.NewTick(s.tickCtx)
	}
}

// Exists reports whether the path or URI exists. It has the shape of
// schedule.Storage.
func (s *Storage) Exists(uri string) (bool, error) {
	if !IsHDFS(uri) {
		return storage.Local{}.Exists(uri)
	}
	c, err := s.client(uri)
	if err != nil {
		return false, err
	}
	s.mu.Lock()
	t := s.tick
	s.mu.Unlock()
	if t != nil {
		return t.Exists(uri)
	}
	return c.Exists(uri)
}

// Delete removes the path or URI and everything below it; a missing path
// is not an error. It has the shape of scheduler.Deleter (rerun cleanup).
func (s *Storage) Delete(uri string) error { return s.RemoveAll(context.Background(), uri) }

// ReadFile reads a whole file.
func (s *Storage) ReadFile(ctx context.Context, uri string) ([]byte, error) {
	if !IsHDFS(uri) {
		p, err := local(uri)
		if err != nil {
			return nil, err
		}
		data, err := os.ReadFile(p)
		return data, ioError(err)
	}
	c, err := s.client(uri)
	if err != nil {
		return nil, err
	}
	data, err := c.ReadFile(ctx, uri)
	return data, ioError(err)
}

// Join resolves a relative path against a base directory path or URI:
// "lib/x.jar" against "hdfs://ns1/apps/wf" is "hdfs://ns1/apps/wf/lib/x.jar".
// Absolute paths and URIs are returned as they are.
func Join(base, p string) string {
	if strings.HasPrefix(p, "/") || strings.Contains(p, "://") {
		return p
	}
	if scheme, rest, ok := strings.Cut(base, "://"); ok {
		authority, dir, _ := strings.Cut(rest, "/")
		return scheme + "://" + authority + path.Join("/"+dir, p)
	}
	return path.Join(base, p)
}

// isNotExist reports a missing local file.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
