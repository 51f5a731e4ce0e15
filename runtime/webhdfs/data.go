package webhdfs

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// OpenOptions are the optional parameters of OPEN.
type OpenOptions struct {
	Offset int64 // first byte to read
	Length int64 // bytes to read; 0 means to the end
}

// Open is OPEN: the NameNode redirects to a DataNode, which streams the
// content. The caller must close the reader; ctx also bounds the reading.
func (c *Client) Open(ctx context.Context, uri string, opt *OpenOptions) (io.ReadCloser, error) {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return nil, err
	}
	params := url.Values{}
	if opt != nil && opt.Offset != 0 {
		params.Set("offset", strconv.FormatInt(opt.Offset, 10))
	}
	if opt != nil && opt.Length != 0 {
		params.Set("length", strconv.FormatInt(opt.Length, 10))
	}
	k := &call{op: "OPEN", method: http.MethodGet, loc: loc, params: params, want: http.StatusOK,
		redirect: true, idempotent: true, stream: true}
	a, err := c.do(ctx, k)
	if err != nil {
		return nil, err
	}
	if a.stream == nil { // a gateway that answered without a redirect
		return io.NopCloser(bytes.NewReader(a.body)), nil
	}
	return a.stream, nil
}

// ReadFile opens a file and reads all of it.
func (c *Client) ReadFile(ctx context.Context, uri string) ([]byte, error) {
	r, err := c.Open(ctx, uri, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// CreateOptions are the optional parameters of CREATE.
type CreateOptions struct {
	Overwrite   bool   // replace an existing file; otherwise that is FileAlreadyExistsException
	Permission  string // octal, e.g. "640"; "" means the server default 644
	Replication int    // 0 means the server default
	BlockSize   int64  // 0 means the server default
}

// Create is CREATE, with the two steps done by hand: a PUT without data to
// the NameNode, whose 307 names a DataNode, then a PUT of the data there
// (201 Created). Missing parent directories are created by the server.
// Retries resend the data only when data is an io.Seeker (bytes.Reader,
// strings.Reader, os.File); a body of nil makes an empty file.
func (c *Client) Create(ctx context.Context, uri string, data io.Reader, opt *CreateOptions) error {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return err
	}
	if opt == nil {
		opt = &CreateOptions{}
	}
	params := url.Values{}
	if opt.Overwrite {
		params.Set("overwrite", "true")
	}
	if opt.Permission != "" {
		params.Set("permission", opt.Permission)
	}
	if opt.Replication != 0 {
		params.Set("replication", strconv.Itoa(opt.Replication))
	}
	if opt.BlockSize != 0 {
		params.Set("blocksize", strconv.FormatInt(opt.BlockSize, 10))
	}
	if data == nil {
		data = bytes.NewReader(nil)
	}
	// Repeating a CREATE that may have landed is harmless only when it
	// overwrites.
	k := &call{op: "CREATE", method: http.MethodPut, loc: loc, params: params, want: http.StatusCreated,
		redirect: true, body: data, idempotent: opt.Overwrite}
	_, err = c.do(ctx, k)
	return err
}

// Append is APPEND, two steps as Create (POST, 200 OK). An append is not
// repeated once the data may have reached the DataNode.
func (c *Client) Append(ctx context.Context, uri string, data io.Reader) error {
	loc, err := c.resolver.Resolve(uri)
	if err != nil {
		return err
	}
	if data == nil {
		data = bytes.NewReader(nil)
	}
	k := &call{op: "APPEND", method: http.MethodPost, loc: loc, want: http.StatusOK, redirect: true, body: data}
	_, err = c.do(ctx, k)
	return err
}
