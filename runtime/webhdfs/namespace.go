package webhdfs

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// boolCall runs an operation that answers {"boolean": …}.
func (c *Client) boolCall(ctx context.Context, k *call) (bool, error) {
	a, err := c.do(ctx, k)
	if err != nil {
		return false, err
	}
	var v struct{ Boolean *bool }
	if err := decode(k, a.body, "boolean", &v, func() bool { return v.Boolean != nil }); err != nil {
		return false, err
	}
	return *v.Boolean, nil
}

// Mkdirs is MKDIRS: make a directory and its missing parents. perm is
// octal ("750"); "" means the server default 755. It reports the server's
// boolean, true when the directory exists afterwards.
func (c *Client) Mkdirs(ctx context.Context, uri, perm string) (bool, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return false, err
	}
	params := url.Values{}
	if perm != "" {
		params.Set("permission", perm)
	}
	return c.boolCall(ctx, &call{op: "MKDIRS", method: http.MethodPut, loc: loc, params: params,
		want: http.StatusOK, idempotent: true})
}

// Rename is RENAME. dst is an absolute path or a URI on the same
// nameservice. As in HDFS, false (not an error) means nothing was renamed:
// the source is missing, or the destination exists as a file or its parent
// is missing. An existing destination directory receives the source.
func (c *Client) Rename(ctx context.Context, src, dst string) (bool, error) {
	loc, err := c.resolver.Resolve(src)
	if err != nil {
		return false, err
	}
	to := Location{Nameservice: loc.Nameservice, Path: path.Clean(dst)}
	if !strings.HasPrefix(dst, "/") {
		if to, err = c.resolver.Resolve(dst); err != nil {
			return false, err
		}
	}
	if to.Nameservice != loc.Nameservice {
		return false, fmt.Errorf("webhdfs RENAME %s: the destination %q is on another nameservice (%s, not %s); HDFS renames only within one",
			loc.Path, dst, to.Nameservice, loc.Nameservice)
	}
	return c.boolCall(ctx, &call{op: "RENAME", method: http.MethodPut, loc: loc,
		params: url.Values{"destination": {to.Path}}, want: http.StatusOK})
}

// Delete is DELETE. A non-empty directory needs recursive. It reports the
// server's boolean: false when nothing was deleted (the path is missing).
func (c *Client) Delete(ctx context.Context, uri string, recursive bool) (bool, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return false, err
	}
	return c.boolCall(ctx, &call{op: "DELETE", method: http.MethodDelete, loc: loc,
		params: url.Values{"recursive": {strconv.FormatBool(recursive)}}, want: http.StatusOK})
}
