package gatewayfake

import (
	"crypto/rand"
	"fmt"
	"maps"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"
)

// Versions are the API versions the fake can play, oldest first.
var Versions = []string{"v1", "v2", "v3", "v4"}

// Outcome is what one statement does.
type Outcome struct {
	// Duration is how long the operation runs before it ends.
	Duration time.Duration
	// Error, when set, ends the operation in ERROR with this cause.
	Error string
	// Columns and Rows are the statement's results. With no columns the
	// result is Flink's "result" column with one row "OK" (DDL), or, with a
	// JobID, the "job id" column (INSERT).
	Columns []string
	Rows    [][]any
	// JobID is the Flink job the statement submitted (32 hex digits).
	JobID string
}

// DefaultScript finishes every statement at once with "OK".
func DefaultScript(string) Outcome { return Outcome{} }

// Options configure a fake gateway.
type Options struct {
	// Version is the newest API version served (default v4).
	Version string
	// Script chooses each statement's outcome; nil means DefaultScript. It
	// is called with the server locked and must not call back into it.
	Script func(statement string) Outcome
	// Clock times operations; nil means the host clock.
	Clock clock.Clock
	// PageSize is how many rows one result page holds (default 100).
	PageSize int
	// OnExecute, when set, is called with each execution before it is
	// answered, with the server unlocked: a test plays the Flink job a
	// statement submits there, or drops this answer
	// (DropNextExecuteAnswer).
	OnExecute func(Execution)
}

// Execution is one statement the fake executed.
type Execution struct {
	Session, Operation, Statement string
	Config                        map[string]string
}

// Server is a fake SQL Gateway on a loopback port.
type Server struct {
	opts  Options
	clock clock.Clock
	ts    *httptest.Server

	mu         sync.Mutex
	sessions   map[string]*session
	executions []Execution
	dropNext   int
	counts     map[string]int
}

type session struct {
	name  string
	props map[string]string
	ops   map[string]*operation
}

type operation struct {
	out      Outcome
	started  time.Time
	canceled bool
}

// status is the operation's status at now.
func (o *operation) status(now time.Time) statusText {
	switch {
	case o.canceled:
		return "CANCELED"
	case now.Sub(o.started) < o.out.Duration:
		return "RUNNING"
	case o.out.Error != "":
		return "ERROR"
	}
	return "FINISHED"
}

// New starts a fake gateway on a loopback port. Close it when done.
func New(opts Options) *Server {
	if opts.Version == "" {
		opts.Version = "v4"
	}
	if !slices.Contains(Versions, opts.Version) {
		panic("gatewayfake: unknown version " + opts.Version)
	}
	if opts.Script == nil {
		opts.Script = DefaultScript
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 100
	}
	s := &Server{opts: opts, clock: clock.Or(opts.Clock), sessions: map[string]*session{}, counts: map[string]int{}}
	s.ts = httptest.NewServer(s)
	return s
}

// URL is the fake's base address.
func (s *Server) URL() string { return s.ts.URL }

// Close stops the fake.
func (s *Server) Close() { s.ts.Close() }

// Restart forgets every session and operation, as a gateway restart does.
func (s *Server) Restart() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions = map[string]*session{}
}

// DropNextExecuteAnswer makes the next n statement executions run but
// answer with a reset connection.
func (s *Server) DropNextExecuteAnswer(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropNext += n
}

// Executions returns the statements executed so far, in order.
func (s *Server) Executions() []Execution {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.executions)
}

// OpenSessions returns the names of the sessions still open, sorted.
func (s *Server) OpenSessions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for _, x := range s.sessions {
		names = append(names, x.name)
	}
	slices.Sort(names)
	return names
}

// Count returns how many requests reached a route such as
// "POST /sessions/:session_handle/operations/:operation_handle/cancel".
func (s *Server) Count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[route]
}

// Operations returns the statuses of the live operations by handle.
func (s *Server) Operations() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	now := s.clock.Now()
	for _, x := range s.sessions {
		for h, o := range x.ops {
			out[h] = string(o.status(now))
		}
	}
	return out
}

// newUUID returns a random version 4 UUID, as the gateway's handles are.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// versionOf splits a path into its API version and the rest; unprefixed
// paths are the newest version.
func (s *Server) versionOf(path string) (string, string, bool) {
	for _, v := range Versions {
		if rest, ok := strings.CutPrefix(path, "/"+v+"/"); ok {
			return v, "/" + rest, v <= s.opts.Version
		}
	}
	return s.opts.Version, path, true
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	return maps.Clone(m)
}
