package webhdfsfake

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Fault makes the next matching requests misbehave. Faults are queued and
// matched in the order they were added; each request takes at most one.
type Fault struct {
	// Node limits the fault to one node: "nn0", "nn1", … or "dn". Empty
	// matches every node.
	Node string
	// Op limits the fault to one operation (case-insensitive). Empty
	// matches every operation.
	Op string
	// Times is how many requests the fault hits. Zero means one.
	Times int
	// Latency delays the answer (the request's own answer, unless Status
	// or Reset is also set).
	Latency time.Duration
	// Reset drops the connection with a TCP reset instead of answering.
	Reset bool
	// Status answers with this HTTP status. With Exception the body is a
	// RemoteException; without, a plain-text body as a proxy would send.
	Status int
	// Exception is the RemoteException simple name, e.g.
	// "RetriableException"; well-known names get their Java class name.
	Exception string
	// Message is the RemoteException message or the plain-text body.
	Message string
}

// AddFault queues a fault.
func (s *Server) AddFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	f.Op = strings.ToUpper(f.Op)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// FailNext makes the next n requests to any node answer status with a
// RemoteException of the given simple name.
func (s *Server) FailNext(n, status int, exception, message string) {
	s.AddFault(Fault{Times: n, Status: status, Exception: exception, Message: message})
}

// ResetNext makes the next n requests to any node end in a connection
// reset.
func (s *Server) ResetNext(n int) {
	s.AddFault(Fault{Times: n, Reset: true})
}

// takeFault pops one use of the first fault matching a request to node.
func (s *Server) takeFault(node, op string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if (f.Node != "" && f.Node != node) || (f.Op != "" && f.Op != op) {
			continue
		}
		taken := *f
		f.Times--
		if f.Times == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return taken, true
	}
	return Fault{}, false
}

// apply carries out the fault and reports whether the request has been
// answered.
func (f Fault) apply(w http.ResponseWriter, r *http.Request, contentType string) bool {
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
	}
	if f.Reset {
		resetConn(w)
		return true
	}
	if f.Status == 0 {
		return false
	}
	if f.Exception == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(f.Message))
		return true
	}
	b := newRemote(f.Exception, f.Message).body()
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(f.Status)
	_, _ = w.Write(b)
	return true
}

// resetConn closes the client connection with RST, so the client sees
// "connection reset by peer" rather than a clean end of stream.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("webhdfsfake: connection cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// Request is one request a node received, in the order of arrival.
type Request struct {
	Node    string     // "nn0", "nn1", … or "dn"
	Method  string     // HTTP method
	Op      string     // the op parameter, upper-cased
	Path    string     // the file system path, decoded and clean
	Query   url.Values // every query parameter
	Faulted bool       // a fault was applied to it
}

func newRequest(node string, r *http.Request) Request {
	q := r.URL.Query()
	p := strings.TrimPrefix(r.URL.Path, webhdfsPrefix)
	return Request{Node: node, Method: r.Method, Op: strings.ToUpper(q.Get("op")),
		Path: cleanPath(p), Query: q}
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r)
}

// Requests returns a copy of the request log.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Count returns how many logged requests had the operation op
// (case-insensitive) on any node; "" counts every request.
func (s *Server) Count(op string) int {
	op = strings.ToUpper(op)
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.log {
		if op == "" || r.Op == op {
			n++
		}
	}
	return n
}

// ResetLog empties the request log.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}
