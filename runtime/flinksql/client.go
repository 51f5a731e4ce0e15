package flinksql

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Versions are the SQL Gateway REST API versions the client speaks, oldest
// first.
var Versions = []string{"v1", "v2", "v3", "v4"}

// Config configures a Client. Only BaseURL is required.
type Config struct {
	// BaseURL is the gateway's REST address, e.g. http://gateway:8083.
	BaseURL string
	// Version is the REST API version to use (v1–v4); "" asks the gateway
	// (GET /api_versions) once and uses the newest version both know.
	Version string
	// HTTPClient sends the requests; nil means a client of its own.
	HTTPClient *http.Client
	// RequestTimeout bounds one request (default 30s).
	RequestTimeout time.Duration
}

// Client talks to one Flink SQL Gateway's REST API. It is safe for
// concurrent use. It never retries a request on its own: executing a
// statement is not idempotent, and callers decide what a failure means.
type Client struct {
	base    *url.URL
	hc      *http.Client
	timeout time.Duration

	mu      sync.Mutex
	version string
}

// New returns a Client for cfg.BaseURL.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("flinksql: gateway URL %q is not an http(s) address such as http://gateway:8083", cfg.BaseURL)
	}
	if cfg.Version != "" && !slices.Contains(Versions, cfg.Version) {
		return nil, fmt.Errorf("flinksql: API version %q is not one of %s", cfg.Version, strings.Join(Versions, ", "))
	}
	c := &Client{base: u, hc: cfg.HTTPClient, timeout: cfg.RequestTimeout, version: cfg.Version}
	if c.hc == nil {
		c.hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	return c, nil
}

// Version returns the API version in use, asking the gateway when the
// configuration left it open.
func (c *Client) Version(ctx context.Context) (string, error) {
	c.mu.Lock()
	v := c.version
	c.mu.Unlock()
	if v != "" {
		return v, nil
	}
	var body struct {
		Versions []string `json:"versions"`
	}
	if err := c.send(ctx, http.MethodGet, "/api_versions", nil, nil, &body); err != nil {
		return "", err
	}
	for _, s := range body.Versions {
		s = strings.ToLower(s)
		if slices.Contains(Versions, s) && s > v {
			v = s
		}
	}
	if v == "" {
		return "", fmt.Errorf("flinksql: the gateway offers API versions %v, none of which coordc speaks (%s)", body.Versions, strings.Join(Versions, ", "))
	}
	c.mu.Lock()
	c.version = v
	c.mu.Unlock()
	return v, nil
}

// OpenSession opens a session named name with the given session
// properties and returns its handle.
func (c *Client) OpenSession(ctx context.Context, name string, props map[string]string) (string, error) {
	req := struct {
		Properties  map[string]string `json:"properties,omitempty"`
		SessionName string            `json:"sessionName,omitempty"`
	}{props, name}
	var resp struct {
		SessionHandle string `json:"sessionHandle"`
	}
	if err := c.call(ctx, http.MethodPost, "/sessions", nil, req, &resp); err != nil {
		return "", err
	}
	if resp.SessionHandle == "" {
		return "", errors.New("flinksql: the gateway opened a session without a handle")
	}
	return resp.SessionHandle, nil
}

// SessionProperties returns a session's configuration; ErrNotFound when
// the gateway does not know the session (closed, expired, or the gateway
// restarted).
func (c *Client) SessionProperties(ctx context.Context, session string) (map[string]string, error) {
	var resp struct {
		Properties map[string]string `json:"properties"`
	}
	err := c.call(ctx, http.MethodGet, "/sessions/"+url.PathEscape(session), nil, nil, &resp)
	return resp.Properties, err
}

// CloseSession closes a session, which cancels and closes the operations
// it still has. A session the gateway does not know counts as closed.
func (c *Client) CloseSession(ctx context.Context, session string) error {
	err := c.call(ctx, http.MethodDelete, "/sessions/"+url.PathEscape(session), nil, nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// Execute submits one statement in a session with the given execution
// configuration and returns the operation handle. It is sent once: a
// failure may or may not have started the operation.
func (c *Client) Execute(ctx context.Context, session, statement string, config map[string]string) (string, error) {
	req := struct {
		ExecutionConfig map[string]string `json:"executionConfig,omitempty"`
		Statement       string            `json:"statement"`
	}{config, statement}
	var resp struct {
		OperationHandle string `json:"operationHandle"`
	}
	if err := c.call(ctx, http.MethodPost, "/sessions/"+url.PathEscape(session)+"/statements", nil, req, &resp); err != nil {
		return "", err
	}
	if resp.OperationHandle == "" {
		return "", errors.New("flinksql: the gateway accepted a statement without an operation handle")
	}
	return resp.OperationHandle, nil
}

func opPath(session, op, tail string) string {
	return "/sessions/" + url.PathEscape(session) + "/operations/" + url.PathEscape(op) + "/" + tail
}

// Status returns an operation's status.
func (c *Client) Status(ctx context.Context, session, op string) (Status, error) {
	var resp struct {
		Status string `json:"status"`
	}
	if err := c.call(ctx, http.MethodGet, opPath(session, op, "status"), nil, nil, &resp); err != nil {
		return "", err
	}
	return Status(resp.Status), nil
}

// Cancel cancels an operation and returns its status afterwards.
func (c *Client) Cancel(ctx context.Context, session, op string) (Status, error) {
	var resp struct {
		Status string `json:"status"`
	}
	err := c.call(ctx, http.MethodPost, opPath(session, op, "cancel"), nil, nil, &resp)
	return Status(resp.Status), err
}

// CloseOperation releases an operation's resources on the gateway. An
// operation the gateway does not know counts as closed.
func (c *Client) CloseOperation(ctx context.Context, session, op string) error {
	err := c.call(ctx, http.MethodDelete, opPath(session, op, "close"), nil, nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// Fetch reads one page of an operation's results. A failed operation's
// error comes back as an *APIError whose text carries the cause.
func (c *Client) Fetch(ctx context.Context, session, op string, token int64) (*Page, error) {
	v, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if v != "v1" {
		q = url.Values{"rowFormat": {"JSON"}} // required from v2 on
	}
	var p Page
	if err := c.call(ctx, http.MethodGet, opPath(session, op, "result/"+strconv.FormatInt(token, 10)), q, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// call sends a request under the API version in use.
func (c *Client) call(ctx context.Context, method, path string, q url.Values, in, out any) error {
	v, err := c.Version(ctx)
	if err != nil {
		return err
	}
	return c.send(ctx, method, "/"+v+path, q, in, out)
}

// maxResponse caps how much of a response body is read.
const maxResponse = 16 << 20

// send performs one request and decodes a 200 answer into out.
func (c *Client) send(ctx context.Context, method, path string, q url.Values, in, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	u := *c.base
	u.Path = c.base.Path + path
	u.RawQuery = q.Encode()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("flinksql: encoding %s %s: %w", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return fmt.Errorf("flinksql: %s %s: %w", method, path, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return &TransportError{Method: method, Path: path, Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return &TransportError{Method: method, Path: path, Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		return newAPIError(method, path, resp.StatusCode, raw)
	}
	if out == nil || len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("flinksql: %s %s: decoding the answer: %w", method, path, err)
	}
	return nil
}
