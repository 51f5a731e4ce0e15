package webhdfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// call is one logical WebHDFS operation.
type call struct {
	op, method string
	loc        Location
	params     url.Values
	want       int       // the status of success (of the DataNode leg for redirect ops)
	redirect   bool      // the NameNode answers 307 to the DataNode that does the work
	body       io.Reader // data for the DataNode leg
	idempotent bool      // safe to repeat after the request may have reached the server
	stream     bool      // hand the success body to the caller unread (OPEN)

	bodyStart int64 // offset of a seekable body when first sent
	bodySent  bool  // the body has been (partly) read by a request
}

// answer is a successful response: its body, or for a stream the open
// body.
type answer struct {
	body   []byte
	stream io.ReadCloser
}

// outcome says what to do after a failed attempt.
type outcome int

const (
	fatal    outcome = iota // give the error to the caller
	failover                // try the next NameNode at once
	retry                   // try again after a backoff
)

// do runs a call with failover and bounded retries, and tells the
// observer.
func (c *Client) do(ctx context.Context, k *call) (answer, error) {
	a, err := c.doRetry(ctx, k)
	if c.cfg.Observe != nil && ctx.Err() == nil {
		c.cfg.Observe(k.loc.Nameservice, err)
	}
	return a, err
}

// doRetry is do without the observer.
func (c *Client) doRetry(ctx context.Context, k *call) (answer, error) {
	eps, ns := k.loc.Endpoints, k.loc.Nameservice
	var last error
	for attempt := 1; attempt <= c.cfg.Retry.Attempts; attempt++ {
		if attempt > 1 {
			if err := c.sleep(ctx, c.backoff(attempt-1)); err != nil {
				return answer{}, fmt.Errorf("%w (stopped retrying: %v)", last, err)
			}
		}
		start := c.activeIndex(ns, len(eps))
		for i := range eps {
			idx := (start + i) % len(eps)
			a, next, err := c.attempt(ctx, k, eps[idx])
			if err == nil {
				c.setActive(ns, idx)
				return a, nil
			}
			last = err
			if asRemote(err) != nil && next != failover {
				c.setActive(ns, idx) // it answered as the active NameNode
			}
			if ctx.Err() != nil || next == fatal {
				return answer{}, err
			}
			if next == retry {
				break
			}
		}
	}
	if c.cfg.Retry.Attempts == 1 {
		return answer{}, last
	}
	return answer{}, fmt.Errorf("%w (gave up after %d attempts)", last, c.cfg.Retry.Attempts)
}

// attempt sends the call to one NameNode and, for redirect operations, the
// data leg to the DataNode it names.
func (c *Client) attempt(ctx context.Context, k *call, ep string) (answer, outcome, error) {
	nnURL := c.requestURL(ep, k)
	resp, body, err := c.send(ctx, k.method, nnURL, nil, false)
	if err != nil {
		return answer{}, c.transportOutcome(k, err, true), c.transportError(k, nnURL, err)
	}
	if k.redirect && resp.StatusCode == http.StatusTemporaryRedirect {
		return c.dataLeg(ctx, k, nnURL, resp.Header.Get("Location"))
	}
	if resp.StatusCode == k.want && (!k.redirect || k.method == http.MethodGet) {
		return answer{body: body}, fatal, nil // a GET served without a redirect is read whole
	}
	if k.redirect && resp.StatusCode < 300 {
		return answer{}, fatal, fmt.Errorf("webhdfs %s %s: the NameNode answered HTTP %d instead of a 307 redirect to a DataNode",
			k.op, k.loc.Path, resp.StatusCode)
	}
	rerr := parseError(k.op, k.loc.Path, resp.StatusCode, body)
	return answer{}, remoteOutcome(k, rerr, true), rerr
}

// dataLeg follows a NameNode's redirect by hand, sending the data for
// CREATE and APPEND.
func (c *Client) dataLeg(ctx context.Context, k *call, nnURL, location string) (answer, outcome, error) {
	base, _ := url.Parse(nnURL) // built by requestURL, always valid
	ref, err := url.Parse(location)
	if location == "" || err != nil {
		return answer{}, fatal, fmt.Errorf("webhdfs %s %s: the NameNode's redirect has no usable Location header", k.op, k.loc.Path)
	}
	dn := base.ResolveReference(ref)
	if dn.Scheme != "http" && dn.Scheme != "https" {
		return answer{}, fatal, fmt.Errorf("webhdfs %s %s: the NameNode redirected to a %q URL; only http and https are followed",
			k.op, k.loc.Path, dn.Scheme)
	}
	body, err := k.rewind()
	if err != nil {
		return answer{}, fatal, fmt.Errorf("webhdfs %s %s: %w", k.op, k.loc.Path, err)
	}
	resp, data, err := c.send(ctx, k.method, dn.String(), body, k.stream)
	if err != nil {
		return answer{}, c.transportOutcome(k, err, false), c.transportError(k, dn.String(), err)
	}
	if resp.StatusCode == k.want && k.stream {
		return answer{stream: resp.Body}, fatal, nil
	}
	if resp.StatusCode == k.want {
		return answer{body: data}, fatal, nil
	}
	rerr := parseError(k.op, k.loc.Path, resp.StatusCode, data)
	return answer{}, remoteOutcome(k, rerr, false), rerr
}

// rewind returns the body to send on this attempt: the call's reader, or
// nil without one. A seekable body is seeked back to where it started;
// a body that cannot be is only resent when retriable allows it, that is
// never.
func (k *call) rewind() (io.Reader, error) {
	if k.body == nil {
		return nil, nil
	}
	if s, ok := k.body.(io.Seeker); ok {
		var err error
		if k.bodySent {
			_, err = s.Seek(k.bodyStart, io.SeekStart)
		} else {
			k.bodyStart, err = s.Seek(0, io.SeekCurrent)
		}
		if err != nil {
			return nil, err
		}
	}
	k.bodySent = true
	return k.body, nil
}

// retriable reports whether the body, if any, can be sent again.
func (k *call) retriable() bool {
	_, seekable := k.body.(io.Seeker)
	return k.body == nil || !k.bodySent || seekable
}

// transportOutcome classifies a request that got no HTTP answer. A refused
// connection never reached the server and is always safe to repeat; other
// failures only for idempotent calls. NameNode failures fail over.
func (c *Client) transportOutcome(k *call, err error, nameNode bool) outcome {
	var op *net.OpError
	dial := errors.As(err, &op) && op.Op == "dial"
	if (!dial && !k.idempotent) || !k.retriable() {
		return fatal
	}
	if nameNode {
		return failover
	}
	return retry
}

// remoteOutcome classifies an error answer. A standby NameNode fails over;
// RetriableException, SafeModeException and 503 mean "not done, ask
// later"; other 5xx are repeated only for idempotent calls.
func remoteOutcome(k *call, e *RemoteError, nameNode bool) outcome {
	switch {
	case !k.retriable():
		return fatal
	case IsStandby(e) && nameNode:
		return failover
	case IsStandby(e), e.is("RetriableException"), e.is("SafeModeException"),
		e.Status == http.StatusServiceUnavailable:
		return retry
	case isRetriable(e) && k.idempotent:
		return retry
	}
	return fatal
}

// transportError describes a failed request by host only: the query may
// hold a delegation token.
func (c *Client) transportError(k *call, rawURL string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	host := "the server"
	if u, perr := url.Parse(rawURL); perr == nil {
		host = u.Host
	}
	return fmt.Errorf("webhdfs %s %s: %s: %w", k.op, k.loc.Path, host, err)
}

// requestURL builds the NameNode URL: op first, then authentication and
// the other parameters sorted.
func (c *Client) requestURL(ep string, k *call) string {
	q := url.Values{}
	for name, v := range k.params {
		q[name] = v
	}
	if c.cfg.DelegationToken != "" {
		q.Set("delegation", c.cfg.DelegationToken)
	} else if c.cfg.User != "" {
		q.Set("user.name", c.cfg.User)
	}
	p := strings.ReplaceAll((&url.URL{Path: k.loc.Path}).EscapedPath(), ";", "%3B")
	s := ep + "/webhdfs/v1" + p + "?op=" + k.op
	if len(q) > 0 {
		s += "&" + q.Encode()
	}
	return s
}
