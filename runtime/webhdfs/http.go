package webhdfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// ErrTimeout is wrapped by errors of requests that got no answer within
// Config.Timeout.
var ErrTimeout = errors.New("webhdfs: request timed out")

// maxBody bounds a JSON answer (a LISTSTATUS of about three million
// entries).
const maxBody = 1 << 30

// send makes one HTTP request under the per-request timeout and reads the
// answer, or for a successful stream hands the open body over.
func (c *Client) send(ctx context.Context, method, rawURL string, body io.Reader, stream bool) (*http.Response, []byte, error) {
	rctx, cancel := context.WithCancel(ctx)
	timer := time.AfterFunc(c.cfg.Timeout, cancel)
	timedOut := func(err error) error {
		if !timer.Stop() && ctx.Err() == nil {
			return fmt.Errorf("no answer within %v: %w", c.cfg.Timeout, ErrTimeout)
		}
		return err
	}
	req, err := newRequest(rctx, method, rawURL, body)
	if err != nil {
		timer.Stop()
		cancel()
		return nil, nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		err = timedOut(err)
		cancel()
		return nil, nil, err
	}
	if stream && resp.StatusCode == http.StatusOK {
		if err := timedOut(nil); err != nil {
			resp.Body.Close()
			cancel()
			return nil, nil, err
		}
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
		return resp, nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	resp.Body.Close()
	err = timedOut(err)
	cancel()
	if err != nil {
		return nil, nil, err
	}
	if len(b) > maxBody {
		return nil, nil, fmt.Errorf("the answer is larger than %d bytes", maxBody)
	}
	return resp, b, nil
}

// newRequest builds a request. The body is wrapped so the HTTP client
// neither closes the caller's reader nor replays it on its own; a seekable
// body's length is sent as Content-Length.
func newRequest(ctx context.Context, method, rawURL string, body io.Reader) (*http.Request, error) {
	var rd io.Reader
	size := int64(-1)
	if body != nil {
		rd = struct{ io.Reader }{body}
		if s, ok := body.(io.Seeker); ok {
			cur, err1 := s.Seek(0, io.SeekCurrent)
			end, err2 := s.Seek(0, io.SeekEnd)
			_, err3 := s.Seek(cur, io.SeekStart)
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, err
			}
			size = end - cur
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "coordc-webhdfs")
	if method != http.MethodGet {
		req.Header.Set("X-XSRF-HEADER", "true") // satisfies the optional CSRF filter
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/octet-stream")
		if size >= 0 {
			req.ContentLength = size
			if size == 0 {
				req.Body = http.NoBody
			}
		}
	}
	return req, nil
}

// cancelOnClose releases a stream's context when the caller closes it.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
