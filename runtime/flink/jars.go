package flink

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path"
	"strings"
	"sync"
)

// Jar is a program to upload: the file name the JobManager will show (it
// must end in .jar) and the bytes.
type Jar struct {
	Name    string
	Content []byte
}

// SHA256 is the hex content hash the jar cache is keyed by.
func (j Jar) SHA256() string {
	sum := sha256.Sum256(j.Content)
	return hex.EncodeToString(sum[:])
}

// JarCache remembers which jar id holds which content on the cluster of one
// Client. The runtime may persist it; ids are only hints and are checked
// against GET /jars before use.
type JarCache interface {
	Get(sha256 string) (jarID string, ok bool)
	Put(sha256, jarID string)
	Delete(sha256 string)
}

// NewMemoryJarCache returns an empty in-memory JarCache.
func NewMemoryJarCache() JarCache { return &memoryJarCache{m: map[string]string{}} }

type memoryJarCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *memoryJarCache) Get(sha string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.m[sha]
	return id, ok
}

func (c *memoryJarCache) Put(sha, id string) {
	c.mu.Lock()
	c.m[sha] = id
	c.mu.Unlock()
}

func (c *memoryJarCache) Delete(sha string) {
	c.mu.Lock()
	delete(c.m, sha)
	c.mu.Unlock()
}

// SetJarCache replaces the Client's jar cache (e.g. by one kept in the
// state database, so uploads survive a restart). Call it before the Client
// is used.
func (c *Client) SetJarCache(jc JarCache) {
	c.jarMu.Lock()
	c.jars = jc
	c.jarMu.Unlock()
}

// Endpoint is the REST base URL the Client talks to, the key of a
// persistent jar cache.
func (c *Client) Endpoint() string { return c.base.String() }

// JarList is GET /jars (JarListInfo).
type JarList struct {
	Address string    `json:"address"`
	Files   []JarFile `json:"files"`
}

// JarFile is one uploaded jar (JarFileInfo).
type JarFile struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Uploaded int64      `json:"uploaded"`
	Entry    []JarEntry `json:"entry"`
}

// JarEntry is an entry class found in a jar (JarEntryInfo).
type JarEntry struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ListJars returns the jars the JobManager holds.
func (c *Client) ListJars(ctx context.Context) (*JarList, error) {
	var out JarList
	cl, _ := jsonCall(http.MethodGet, "/jars", nil, http.StatusOK)
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteJar removes an uploaded jar. Flink answers 400 for an unknown id,
// which is reported as ErrJarNotFound.
func (c *Client) DeleteJar(ctx context.Context, jarID string) error {
	cl, _ := jsonCall(http.MethodDelete, "/jars/"+escape(jarID), nil, http.StatusOK)
	err := c.do(ctx, cl, nil)
	if ae, ok := errorsAs[*APIError](err); ok && ae.StatusCode == http.StatusBadRequest && ae.Contains("does not exist") {
		return fmt.Errorf("%w: %w", ErrJarNotFound, err)
	}
	return err
}

// UploadJar sends jar to POST /jars/upload as the documented multipart
// request (one part named "jarfile", Content-Type
// application/x-java-archive) and returns the jar id: the base name of the
// server path Flink answers with. Each call creates a new jar on the
// cluster; use EnsureJar to upload each content once.
func (c *Client) UploadJar(ctx context.Context, jar Jar) (string, error) {
	if !strings.HasSuffix(jar.Name, ".jar") || strings.ContainsAny(jar.Name, `/\`) {
		return "", fmt.Errorf("flink: jar name %q must be a file name ending in .jar, as Flink only accepts those", jar.Name)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="jarfile"; filename=%q`, jar.Name))
	h.Set("Content-Type", "application/x-java-archive")
	part, err := mw.CreatePart(h)
	if err == nil {
		_, err = part.Write(jar.Content)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return "", fmt.Errorf("flink: building the upload of %s: %w", jar.Name, err)
	}
	cl := call{method: http.MethodPost, path: "/jars/upload", body: buf.Bytes(), contentType: mw.FormDataContentType(),
		want: []int{http.StatusOK}, retry: retryIdempotent, timeout: c.upload}
	// Repeating an upload whose answer was lost or was an error may leave a
	// second copy of the jar on the cluster: harmless (EnsureJar keeps one
	// id), where giving up failed every action (issue 11).
	var out struct {
		Filename string `json:"filename"`
		Status   string `json:"status"`
	}
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	id := path.Base(out.Filename)
	if out.Status != "success" || out.Filename == "" || id == "." || id == "/" {
		return "", fmt.Errorf("flink: POST /jars/upload: unexpected answer status %q, filename %q", out.Status, out.Filename)
	}
	return id, nil
}

// EnsureJar returns the id of a jar on the cluster holding jar's content,
// uploading it only when the cache has no id for the content hash or GET
// /jars no longer lists the cached id (the JobManager lost its upload
// directory, typically in a restart). uploaded reports whether it uploaded.
// Concurrent calls are serialised, so one content is uploaded only once.
func (c *Client) EnsureJar(ctx context.Context, jar Jar) (jarID string, uploaded bool, err error) {
	c.jarMu.Lock()
	defer c.jarMu.Unlock()
	sum := jar.SHA256()
	if id, ok := c.jars.Get(sum); ok {
		list, err := c.ListJars(ctx)
		if err != nil {
			return "", false, err
		}
		for _, f := range list.Files {
			if f.ID == id {
				return id, false, nil
			}
		}
		c.jars.Delete(sum)
	}
	id, err := c.UploadJar(ctx, jar)
	if err != nil {
		return "", false, err
	}
	c.jars.Put(sum, id)
	return id, true, nil
}

// forgetJar drops a cached id that turned out to be gone.
func (c *Client) forgetJar(jar Jar) {
	c.jarMu.Lock()
	c.jars.Delete(jar.SHA256())
	c.jarMu.Unlock()
}

// isJarMissing recognises Flink's answer to a run against an unknown jar id:
// 400 "Jar file <path> does not exist".
func isJarMissing(err error) bool {
	if errors.Is(err, ErrJarNotFound) {
		return true
	}
	ae, ok := errorsAs[*APIError](err)
	return ok && ae.StatusCode == http.StatusBadRequest && ae.Contains("Jar file") && ae.Contains("does not exist")
}
