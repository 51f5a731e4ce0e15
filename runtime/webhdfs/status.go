package webhdfs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// File types of FileStatus.Type.
const (
	TypeFile      = "FILE"
	TypeDirectory = "DIRECTORY"
	TypeSymlink   = "SYMLINK"
)

// FileStatus is the FileStatus JSON object, with every key the NameNode
// emits (JsonUtil.toJsonMap) except the erasure-coding policy details
// (ecPolicyObj); the optional ones are zero when absent.
type FileStatus struct {
	AccessTime       int64  `json:"accessTime"` // milliseconds since the epoch
	BlockSize        int64  `json:"blockSize"`
	ChildrenNum      int64  `json:"childrenNum"`
	FileID           int64  `json:"fileId"`
	Group            string `json:"group"`
	Length           int64  `json:"length"`           // bytes; 0 for directories
	ModificationTime int64  `json:"modificationTime"` // milliseconds since the epoch
	Owner            string `json:"owner"`
	PathSuffix       string `json:"pathSuffix"` // the name in a listing; "" for the path itself
	Permission       string `json:"permission"` // octal, e.g. "755" or "1777"
	Replication      int    `json:"replication"`
	StoragePolicy    int    `json:"storagePolicy"`
	Type             string `json:"type"` // TypeFile, TypeDirectory or TypeSymlink
	Symlink          string `json:"symlink,omitempty"`
	AclBit           bool   `json:"aclBit,omitempty"`
	EncBit           bool   `json:"encBit,omitempty"`
	EcBit            bool   `json:"ecBit,omitempty"`
	EcPolicy         string `json:"ecPolicy,omitempty"`
	SnapshotEnabled  bool   `json:"snapshotEnabled,omitempty"`
}

// IsDir reports whether the status is a directory's.
func (s FileStatus) IsDir() bool { return s.Type == TypeDirectory }

// ModTime returns the modification time in UTC.
func (s FileStatus) ModTime() time.Time { return time.UnixMilli(s.ModificationTime).UTC() }

// decode parses a JSON answer into v and checks that the top-level key
// was there.
func decode(k *call, body []byte, key string, v any, present func() bool) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("webhdfs %s %s: the answer is not the expected %s JSON: %v", k.op, k.loc.Path, key, err)
	}
	if !present() {
		return fmt.Errorf("webhdfs %s %s: the answer has no %q object", k.op, k.loc.Path, key)
	}
	return nil
}

// get runs a GET operation on the NameNode and returns its JSON body.
func (c *Client) get(ctx context.Context, uri, op string, params url.Values) (*call, []byte, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return nil, nil, err
	}
	return c.getAt(ctx, loc, op, params)
}

func (c *Client) getAt(ctx context.Context, loc Location, op string, params url.Values) (*call, []byte, error) {
	k := &call{op: op, method: http.MethodGet, loc: loc, params: params, want: http.StatusOK, idempotent: true}
	a, err := c.do(ctx, k)
	return k, a.body, err
}

// Stat is GETFILESTATUS. A missing path is an error for which IsNotFound
// is true.
func (c *Client) Stat(ctx context.Context, uri string) (FileStatus, error) {
	k, body, err := c.get(ctx, uri, "GETFILESTATUS", nil)
	if err != nil {
		return FileStatus{}, err
	}
	var v struct{ FileStatus *FileStatus }
	if err := decode(k, body, "FileStatus", &v, func() bool { return v.FileStatus != nil }); err != nil {
		return FileStatus{}, err
	}
	return *v.FileStatus, nil
}

// fileStatuses is the FileStatuses JSON object.
type fileStatuses struct {
	FileStatuses *struct{ FileStatus []FileStatus }
}

// ListStatus is one LISTSTATUS: the entries of a directory in the
// server's order, or the file itself (PathSuffix "") for a file.
func (c *Client) ListStatus(ctx context.Context, uri string) ([]FileStatus, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return nil, err
	}
	return c.listStatusAt(ctx, loc)
}

func (c *Client) listStatusAt(ctx context.Context, loc Location) ([]FileStatus, error) {
	k, body, err := c.getAt(ctx, loc, "LISTSTATUS", nil)
	if err != nil {
		return nil, err
	}
	var v fileStatuses
	if err := decode(k, body, "FileStatuses", &v, func() bool { return v.FileStatuses != nil }); err != nil {
		return nil, err
	}
	return v.FileStatuses.FileStatus, nil
}

// Page is one LISTSTATUS_BATCH answer.
type Page struct {
	Entries   []FileStatus
	Remaining int // entries after this page; 0 on the last page
}

// ListBatch is one LISTSTATUS_BATCH: the entries after startAfter (""
// for the first page), as many as the NameNode's dfs.ls.limit.
func (c *Client) ListBatch(ctx context.Context, uri, startAfter string) (Page, error) {
	params := url.Values{}
	if startAfter != "" {
		params.Set("startAfter", startAfter)
	}
	k, body, err := c.get(ctx, uri, "LISTSTATUS_BATCH", params)
	if err != nil {
		return Page{}, err
	}
	var v struct {
		DirectoryListing *struct {
			PartialListing   *fileStatuses `json:"partialListing"`
			RemainingEntries int           `json:"remainingEntries"`
		}
	}
	if err := decode(k, body, "DirectoryListing", &v, func() bool {
		return v.DirectoryListing != nil && v.DirectoryListing.PartialListing != nil &&
			v.DirectoryListing.PartialListing.FileStatuses != nil
	}); err != nil {
		return Page{}, err
	}
	return Page{Entries: v.DirectoryListing.PartialListing.FileStatuses.FileStatus,
		Remaining: v.DirectoryListing.RemainingEntries}, nil
}

// List returns every entry of a directory, page by page with
// LISTSTATUS_BATCH. A server that does not know LISTSTATUS_BATCH (400
// IllegalArgumentException for the op value, or
// UnsupportedOperationException) is remembered and asked with one
// LISTSTATUS instead.
func (c *Client) List(ctx context.Context, uri string) ([]FileStatus, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	noBatch := c.noBatch[loc.Nameservice]
	c.mu.Unlock()
	if noBatch {
		return c.ListStatus(ctx, uri)
	}
	var all []FileStatus
	after := ""
	for {
		page, err := c.ListBatch(ctx, uri, after)
		if isUnsupportedOp(err) && after == "" {
			c.mu.Lock()
			c.noBatch[loc.Nameservice] = true
			c.mu.Unlock()
			return c.ListStatus(ctx, uri)
		}
		if err != nil {
			return nil, err
		}
		all = append(all, page.Entries...)
		if page.Remaining <= 0 {
			return all, nil
		}
		if len(page.Entries) == 0 {
			return nil, fmt.Errorf("webhdfs LISTSTATUS_BATCH %s: the server reported %d remaining entries but sent none", loc.Path, page.Remaining)
		}
		next := page.Entries[len(page.Entries)-1].PathSuffix
		if next <= after {
			return nil, fmt.Errorf("webhdfs LISTSTATUS_BATCH %s: the listing did not advance past %q", loc.Path, after)
		}
		after = next
	}
}
