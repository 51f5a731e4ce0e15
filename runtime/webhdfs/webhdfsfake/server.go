package webhdfsfake

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/coordc/coordc/runtime/clock"
)

// Options configures a fake cluster. The zero value is one NameNode,
// security off, anonymous access allowed, a listing batch of 1000.
type Options struct {
	// NameNodes is how many NameNode servers to start (HA when > 1). The
	// first is active. Zero means one.
	NameNodes int
	// Nameservice is the name the NameNode puts into redirects as
	// namenoderpcaddress. Empty means "ns1".
	Nameservice string
	// Superuser bypasses permission checks and owns the root directory and
	// the files made with WriteFile and MkdirAll. Empty means "hdfs".
	Superuser string
	// RequireUser refuses requests without user.name with a 401 from the
	// authentication filter (hadoop.http.authentication.simple.anonymous.allowed
	// = false). Otherwise they run as "dr.who".
	RequireUser bool
	// Tokens are the delegation tokens the cluster accepts, mapped to their
	// owners. A token not in the map is refused with 403 SecurityException.
	Tokens map[string]string
	// Secure turns security on: user.name is ignored and requests need a
	// delegation token, otherwise the SPNEGO filter answers 401.
	Secure bool
	// ListLimit is the LISTSTATUS_BATCH batch size (dfs.ls.limit). Zero
	// means 1000.
	ListLimit int
	// NoListBatch makes the NameNode answer LISTSTATUS_BATCH as Hadoop
	// releases before 2.8 do: 400 IllegalArgumentException for an unknown
	// op value.
	NoListBatch bool
	// TLS serves HTTPS (swebhdfs) on all nodes.
	TLS bool
	// Clock gives modification times. Nil means clock.System.
	Clock clock.Clock
}

// Server is a running fake cluster. Its methods are safe for concurrent
// use. Close it when done.
type Server struct {
	opts Options

	mu      sync.Mutex
	tree    *tree
	active  int
	stopped []bool
	faults  []Fault
	log     []Request

	nns []*httptest.Server
	dn  *httptest.Server
}

// New starts a fake cluster on loopback.
func New(opts Options) *Server {
	if opts.NameNodes <= 0 {
		opts.NameNodes = 1
	}
	if opts.Nameservice == "" {
		opts.Nameservice = "ns1"
	}
	if opts.Superuser == "" {
		opts.Superuser = "hdfs"
	}
	if opts.ListLimit <= 0 {
		opts.ListLimit = 1000
	}
	opts.Clock = clock.Or(opts.Clock)
	s := &Server{opts: opts, stopped: make([]bool, opts.NameNodes)}
	s.tree = newTree(func() int64 { return s.opts.Clock.Now().UnixMilli() }, opts.Superuser)
	start := httptest.NewServer
	if opts.TLS {
		start = httptest.NewTLSServer
	}
	s.dn = start(s.handler("dn", -1))
	for i := 0; i < opts.NameNodes; i++ {
		s.nns = append(s.nns, start(s.handler(fmt.Sprintf("nn%d", i), i)))
	}
	return s
}

// Close stops every server and waits for in-flight requests.
func (s *Server) Close() {
	for i, nn := range s.nns {
		s.mu.Lock()
		stopped := s.stopped[i]
		s.stopped[i] = true
		s.mu.Unlock()
		if !stopped {
			nn.Close()
		}
	}
	s.dn.Close()
}

// NameNodeURLs returns the base URLs of the NameNodes, in order.
func (s *Server) NameNodeURLs() []string {
	out := make([]string, len(s.nns))
	for i, nn := range s.nns {
		out[i] = nn.URL
	}
	return out
}

// DataNodeURL returns the base URL of the DataNode.
func (s *Server) DataNodeURL() string { return s.dn.URL }

// Nameservice returns the nameservice name used in redirects.
func (s *Server) Nameservice() string { return s.opts.Nameservice }

// ClientTLSConfig returns a TLS configuration that trusts the fake's
// certificate, or nil when the fake serves plain HTTP.
func (s *Server) ClientTLSConfig() *tls.Config {
	if !s.opts.TLS {
		return nil
	}
	return s.dn.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
}

// SetActive makes NameNode i active and the others standby. An index out
// of range makes every NameNode standby.
func (s *Server) SetActive(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active = i
}

// Active returns the index of the active NameNode.
func (s *Server) Active() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}

// StopNameNode shuts NameNode i down: connections to it are refused from
// then on. Stopping a stopped NameNode does nothing.
func (s *Server) StopNameNode(i int) {
	s.mu.Lock()
	stopped := s.stopped[i]
	s.stopped[i] = true
	s.mu.Unlock()
	if !stopped {
		s.nns[i].Close()
	}
}

// handler serves one node: nn is the NameNode index, or -1 for the
// DataNode.
func (s *Server) handler(node string, nn int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := newRequest(node, r)
		f, faulted := s.takeFault(node, req.Op)
		req.Faulted = faulted
		s.record(req)
		contentType := nnJSON
		if nn < 0 {
			contentType = dnJSON
		}
		if faulted && f.apply(w, r, contentType) {
			return
		}
		if nn < 0 {
			s.serveDataNode(w, r, req)
			return
		}
		s.serveNameNode(w, r, req, nn)
	})
}
