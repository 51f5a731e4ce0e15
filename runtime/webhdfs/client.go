package webhdfs

import (
	"context"
	"crypto/tls"
	"errors"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"
)

// Config configures a Client. Only Nameservices is needed; the rest has
// defaults.
type Config struct {
	// Nameservices maps a nameservice name ("ns1") or a NameNode authority
	// ("nn1.example.com:8020") to the HTTP(S) base URLs of its NameNodes,
	// in failover order, e.g. {"ns1": {"http://nn1:9870", "http://nn2:9870"}}.
	Nameservices map[string][]string
	// DefaultNameservice serves absolute paths and hdfs:///path URIs.
	DefaultNameservice string
	// User is sent as user.name (pseudo authentication) when there is no
	// delegation token.
	User string
	// DelegationToken, when set, is sent as delegation= on every request
	// instead of user.name.
	DelegationToken string
	// TLS configures HTTPS (swebhdfs, https:// endpoints). Nil uses the
	// system roots.
	TLS *tls.Config
	// Timeout bounds each HTTP request until its answer is read (for OPEN,
	// until the DataNode's headers arrive). Zero means 30 seconds.
	Timeout time.Duration
	// Retry bounds retries and their backoff.
	Retry Retry
	// Transport replaces the HTTP transport; TLS is then ignored.
	Transport http.RoundTripper
	// Sleep waits between retries; nil waits on a timer. Tests inject a
	// fake clock here. It must return ctx.Err() when ctx ends first.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) for backoff jitter; nil uses
	// math/rand/v2.
	Rand func() float64
	// Observe, when set, is told the outcome of every operation after its
	// retries and failovers: the nameservice and nil, or the error (see
	// IsUnreachable).
	Observe func(nameservice string, err error)
}

// Retry bounds how often an operation is tried. One attempt tries the
// NameNodes of a nameservice in turn, starting with the one that answered
// last, failing over on StandbyException and on connection errors; a new
// attempt starts after a backoff when every NameNode failed over, or when
// the server answered with a retriable error (5xx, RetriableException,
// SafeModeException). The backoff before attempt n+1 is
// min(MaxDelay, BaseDelay·2^(n-1)), of which a random half is dropped
// ("equal jitter").
type Retry struct {
	Attempts  int           // total attempts; zero means 4, 1 means no retry
	BaseDelay time.Duration // zero means 500ms
	MaxDelay  time.Duration // zero means 15s
}

// Client talks WebHDFS to one or more nameservices. It is safe for
// concurrent use.
type Client struct {
	cfg      Config
	resolver *Resolver
	http     *http.Client
	sleep    func(context.Context, time.Duration) error
	rand     func() float64

	mu      sync.Mutex
	active  map[string]int  // nameservice → endpoint index that answered last
	noBatch map[string]bool // nameservices without LISTSTATUS_BATCH
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	r, err := NewResolver(cfg.Nameservices, cfg.DefaultNameservice)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 || cfg.Retry.Attempts < 0 || cfg.Retry.BaseDelay < 0 || cfg.Retry.MaxDelay < 0 {
		return nil, errors.New("webhdfs: Timeout and Retry values must not be negative")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Retry.Attempts == 0 {
		cfg.Retry.Attempts = 4
	}
	if cfg.Retry.BaseDelay == 0 {
		cfg.Retry.BaseDelay = 500 * time.Millisecond
	}
	if cfg.Retry.MaxDelay == 0 {
		cfg.Retry.MaxDelay = 15 * time.Second
	}
	rt := cfg.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = cfg.TLS
		rt = t
	}
	c := &Client{
		cfg:      cfg,
		resolver: r,
		http: &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // redirects are followed by hand
		}},
		sleep:   cfg.Sleep,
		rand:    cfg.Rand,
		active:  map[string]int{},
		noBatch: map[string]bool{},
	}
	if c.sleep == nil {
		c.sleep = clock.System.Sleep
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
	return c, nil
}

// Resolver returns the client's URI resolver.
func (c *Client) Resolver() *Resolver { return c.resolver }

// backoff is the delay before attempt n+1 (n >= 1).
func (c *Client) backoff(n int) time.Duration {
	d := c.cfg.Retry.BaseDelay
	for i := 1; i < n && d < c.cfg.Retry.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, c.cfg.Retry.MaxDelay)
	half := d / 2
	return half + time.Duration(c.rand()*float64(d-half))
}

// activeIndex is the endpoint to try first for a nameservice.
func (c *Client) activeIndex(ns string, n int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.active[ns] % n
}

func (c *Client) setActive(ns string, i int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.active[ns] = i
}
