package flinkfake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"
	"github.com/coordc/coordc/runtime/clock/clocktest"
)

// Options configure a fake JobManager. The zero value is a Flink 2.x session
// cluster on a manual clock with Flink's default timeouts.
type Options struct {
	// Flavor picks the REST dialect (Flink2 or Flink120).
	Flavor Flavor
	// Clock drives job lifecycles; nil means a clocktest.Fake standing at
	// 2025-01-01T00:00:00Z, reachable through Server.Clock.
	Clock clock.Clock
	// Script chooses the lifecycle of each submitted job; nil means
	// DefaultScript for every job. It is called with the server locked, so
	// it must not call back into the Server.
	Script func(RunInfo) Script
	// SavepointDir plays state.savepoints.dir. When empty, a stop request
	// without targetDirectory is refused with 400, as Flink refuses it.
	SavepointDir string
	// SavepointDelay is how long a stop-with-savepoint takes (default 2s).
	SavepointDelay time.Duration
	// CancelDelay is how long a job stays CANCELLING (default 1s).
	CancelDelay time.Duration
	// JobStoreExpiration is jobstore.expiration-time: how long a finished
	// job stays queryable (default 1h).
	JobStoreExpiration time.Duration
	// AsyncStoreDuration is rest.async.store-duration: how long a completed
	// savepoint trigger stays queryable (default 5m).
	AsyncStoreDuration time.Duration
	// MaxContentLength is rest.server.max-content-length (default 100 MiB).
	MaxContentLength int64
}

// RestartMode says what survives a JobManager restart.
type RestartMode int

const (
	// RestartSession models a session cluster without high availability:
	// uploaded jars, jobs and savepoint triggers are all gone.
	RestartSession RestartMode = iota
	// RestartHA models a cluster with high availability: jars and triggers
	// are gone (they live in the JobManager's local directories and memory),
	// unfinished jobs are recovered and keep running, and finished jobs are
	// no longer queryable but their ids are still rejected as duplicates
	// because the JobResultStore survives.
	RestartHA
)

// Server is an in-process fake Flink JobManager REST endpoint on loopback.
type Server struct {
	opts  Options
	clock clock.Clock
	ts    *httptest.Server

	mu     sync.Mutex
	epoch  int
	seq    uint64
	jars   map[string]*jarFile
	jobs   map[string]*job
	order  []string
	ops    map[opKey]*savepointOp
	faults []*faultSlot
	counts map[string]int
}

// New starts a fake JobManager on a loopback port. Close it when done.
func New(opts Options) *Server {
	if opts.Clock == nil {
		opts.Clock = clocktest.New(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	if opts.Script == nil {
		opts.Script = func(RunInfo) Script { return DefaultScript() }
	}
	setDefault(&opts.SavepointDelay, 2*time.Second)
	setDefault(&opts.CancelDelay, time.Second)
	setDefault(&opts.JobStoreExpiration, time.Hour)
	setDefault(&opts.AsyncStoreDuration, 5*time.Minute)
	if opts.MaxContentLength <= 0 {
		opts.MaxContentLength = 100 << 20
	}
	s := &Server{opts: opts, clock: opts.Clock, counts: map[string]int{}}
	s.reset()
	s.ts = httptest.NewServer(s)
	return s
}

func setDefault(d *time.Duration, v time.Duration) {
	if *d <= 0 {
		*d = v
	}
}

// reset forgets everything a restarted JobManager forgets in any mode.
func (s *Server) reset() {
	s.jars = map[string]*jarFile{}
	s.ops = map[opKey]*savepointOp{}
	if s.jobs == nil {
		s.jobs = map[string]*job{}
	}
}

// URL is the base URL of the REST endpoint, e.g. http://127.0.0.1:34567.
func (s *Server) URL() string { return s.ts.URL }

// Clock returns the clock the fake reads; with default Options it is a
// *clocktest.Fake the test can advance.
func (s *Server) Clock() clock.Clock { return s.clock }

// Close shuts the endpoint down and drops open connections.
func (s *Server) Close() {
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// Restart simulates a JobManager restart; see RestartMode for what survives.
// The endpoint keeps its address, and open keep-alive connections are cut.
func (s *Server) Restart(mode RestartMode) {
	s.mu.Lock()
	s.epoch++
	s.reset()
	now := s.clock.Now()
	for id, j := range s.jobs {
		j.advance(now)
		switch {
		case mode == RestartSession:
			delete(s.jobs, id)
		case isTerminal(j.state):
			j.archived = true
		}
	}
	kept := s.order[:0]
	for _, id := range s.order {
		if _, ok := s.jobs[id]; ok {
			kept = append(kept, id)
		}
	}
	s.order = kept
	s.mu.Unlock()
	s.ts.CloseClientConnections()
}

// Count returns how many requests reached the operation named by route, as
// in "POST /jars/upload" or "GET /jobs/:jobid/status" (faulted ones too).
func (s *Server) Count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[route]
}

// Counts returns a copy of all request counters keyed by operation.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// ServeHTTP routes one request through fault injection to its handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, p, key, ok := matchRoute(r.Method, r.URL.Path)
	s.mu.Lock()
	s.counts[key]++
	s.mu.Unlock()
	f, faulty := s.takeFault(key)
	if faulty && applyFault(w, r, f) {
		return
	}
	if faulty && f.Lost {
		s.serve(httptest.NewRecorder(), r, rt, p, ok)
		resetConnection(w)
		return
	}
	s.serve(w, r, rt, p, ok)
}

// serve answers a request that fault injection let through.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt route, p params, ok bool) {
	if !ok {
		routeNotFound(w, r)
		return
	}
	if !checkParams(w, p) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxContentLength)
	rt.handle(s, w, r, p)
}

// nextID returns 32 lower-case hex digits, deterministic for a given
// sequence of calls so that test runs repeat exactly. Callers hold s.mu.
func (s *Server) nextID() string {
	s.seq++
	sum := sha256.Sum256(fmt.Appendf(nil, "flinkfake/%d/%d", s.epoch, s.seq))
	return hex.EncodeToString(sum[:16])
}

// nextUUID formats nextID as a UUID. Callers hold s.mu.
func (s *Server) nextUUID() string {
	h := s.nextID()
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// uploadDir is where this incarnation of the JobManager keeps jars; like
// Flink's it contains a per-process random directory.
func (s *Server) uploadDir() string {
	sum := sha256.Sum256(fmt.Appendf(nil, "flinkfake-webdir/%d", s.epoch))
	h := hex.EncodeToString(sum[:16])
	return "/tmp/flink-web-" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32] + "/flink-web-upload"
}

// sortedKeys returns the keys of m in order, for deterministic listings.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
