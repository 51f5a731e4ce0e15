package flink

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"
)

// Config configures a Client. Only BaseURL is required.
type Config struct {
	// BaseURL is the JobManager REST address, e.g. http://jm:8081. A path
	// prefix (a proxy mount point, or /v1) is kept.
	BaseURL string
	// HTTPClient sends the requests; nil means a client of its own.
	HTTPClient *http.Client
	// RequestTimeout bounds one attempt of one request (default 30s).
	RequestTimeout time.Duration
	// UploadTimeout bounds one jar upload attempt (default 5m).
	UploadTimeout time.Duration
	// Retry bounds retries of failed requests.
	Retry RetryPolicy
	// Clock supplies time and sleeping for backoff and polling; nil means
	// the host clock. Tests inject one to run without waiting.
	Clock clock.Clock
	// Rand returns jitter in [0,1); nil means math/rand/v2.
	Rand func() float64
	// JarCache remembers uploaded jars by content hash; nil means an
	// in-memory cache private to this Client.
	JarCache JarCache
	// Observe, when set, is told the outcome of every request after its
	// retries: nil, or the error (see IsUnreachable).
	Observe func(err error)
}

// Client talks to one Flink cluster's REST API. It is safe for concurrent
// use.
type Client struct {
	base    *url.URL
	hc      *http.Client
	timeout time.Duration
	upload  time.Duration
	retry   RetryPolicy
	clock   clock.Clock
	rand    func() float64
	jars    JarCache
	jarMu   sync.Mutex
	observe func(error)
}

// New returns a Client for cfg.BaseURL.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("flink: base URL %q is not an http(s) address such as http://jobmanager:8081", cfg.BaseURL)
	}
	c := &Client{base: u, hc: cfg.HTTPClient, timeout: cfg.RequestTimeout, upload: cfg.UploadTimeout,
		retry: cfg.Retry.withDefaults(), clock: clock.Or(cfg.Clock), rand: cfg.Rand, jars: cfg.JarCache, observe: cfg.Observe}
	if c.hc == nil {
		c.hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	if c.upload <= 0 {
		c.upload = 5 * time.Minute
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
	if c.jars == nil {
		c.jars = NewMemoryJarCache()
	}
	return c, nil
}

// maxResponse caps how much of a response body is read.
const maxResponse = 32 << 20

// call is one REST operation.
type call struct {
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
	want        []int
	retry       retryClass
	timeout     time.Duration
}

// jsonCall builds a call with a JSON body (nil v sends no body).
func jsonCall(method, path string, v any, want ...int) (call, error) {
	c := call{method: method, path: path, want: want, retry: retryIdempotent}
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			return c, fmt.Errorf("flink: encoding %s %s: %w", method, path, err)
		}
		c.body, c.contentType = b, "application/json"
	}
	return c, nil
}

// do sends c, retrying as its retry class allows, and decodes a wanted
// response into out (when out is non-nil).
func (cl *Client) do(ctx context.Context, c call, out any) error {
	err := cl.doRetry(ctx, c, out)
	if cl.observe != nil && ctx.Err() == nil {
		cl.observe(err)
	}
	return err
}

// doRetry is do without the observer.
func (cl *Client) doRetry(ctx context.Context, c call, out any) error {
	var last error
	for attempt := 1; ; attempt++ {
		status, body, err := cl.once(ctx, c)
		if err == nil && slices.Contains(c.want, status) {
			if out == nil || len(bytes.TrimSpace(body)) == 0 {
				return nil
			}
			if err := json.Unmarshal(body, out); err != nil {
				return fmt.Errorf("flink: %s %s: decoding the %d response: %w", c.method, c.path, status, err)
			}
			return nil
		}
		if err == nil {
			err = newAPIError(c.method, c.path, status, body)
		}
		last = err
		if ctx.Err() != nil || attempt >= cl.retry.MaxAttempts || !c.retry.allows(err) {
			break
		}
		if serr := cl.clock.Sleep(ctx, cl.retry.delay(attempt, cl.rand)); serr != nil {
			break
		}
	}
	return last
}

// once performs a single attempt and returns the status and body.
func (cl *Client) once(ctx context.Context, c call) (int, []byte, error) {
	timeout := c.timeout
	if timeout <= 0 {
		timeout = cl.timeout
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := *cl.base
	u.Path = cl.base.Path + c.path
	u.RawQuery = c.query.Encode()
	var rd io.Reader
	if c.body != nil {
		rd = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(actx, c.method, u.String(), rd)
	if err != nil {
		return 0, nil, fmt.Errorf("flink: %s %s: %w", c.method, c.path, err)
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := cl.hc.Do(req)
	if err != nil {
		return 0, nil, &TransportError{Method: c.method, Path: c.path, Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return 0, nil, &TransportError{Method: c.method, Path: c.path, Err: err}
	}
	return resp.StatusCode, body, nil
}

// TransportError is a request that got no complete HTTP response: refused or
// reset connections, timeouts, truncated bodies.
type TransportError struct {
	Method, Path string
	Err          error
}

// Error describes the failed request.
func (e *TransportError) Error() string {
	return fmt.Sprintf("flink: %s %s: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// escape quotes one path segment.
func escape(s string) string { return url.PathEscape(s) }

// errorsAs is errors.As with a typed result.
func errorsAs[T error](err error) (T, bool) {
	var t T
	ok := errors.As(err, &t)
	return t, ok
}
