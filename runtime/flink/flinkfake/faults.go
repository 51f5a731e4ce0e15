package flinkfake

import (
	"net"
	"net/http"
	"time"
)

// Fault describes how the fake misbehaves for one request. Exactly one of
// Status and Reset is usually set; Latency may be combined with either, or
// used alone to delay a request that is then served normally.
type Fault struct {
	// Route limits the fault to one operation, written as Flink's snapshot
	// writes it: "GET /jobs/:jobid/status". Empty matches every request.
	Route string
	// Status answers with this HTTP status and a Flink error body instead of
	// serving the request. 503 gets the leader-election text Flink sends
	// while no leader is known; 500 gets the internal-error shape.
	Status int
	// Reset drops the connection without writing a response and without
	// serving the request, as a JobManager that dies on receipt does.
	Reset bool
	// Lost serves the request, then drops the connection instead of
	// answering: the request took effect but the client never hears so.
	Lost bool
	// Latency delays the request (host time) before anything else happens.
	Latency time.Duration
}

type faultSlot struct {
	left  int
	fault Fault
}

// FailNext makes the next n requests matching f.Route misbehave as f says.
// Calls queue up: earlier faults are used first.
func (s *Server) FailNext(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	s.faults = append(s.faults, &faultSlot{left: n, fault: f})
	s.mu.Unlock()
}

// takeFault consumes and returns the first queued fault matching route.
func (s *Server) takeFault(route string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, slot := range s.faults {
		if slot.fault.Route != "" && slot.fault.Route != route {
			continue
		}
		slot.left--
		if slot.left == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return slot.fault, true
	}
	return Fault{}, false
}

// applyFault carries out f and reports whether the request was answered (or
// dropped) so that normal handling must not run. A Lost fault is carried out
// by ServeHTTP, which must serve the request first.
func applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	switch {
	case f.Reset:
		resetConnection(w)
		return true
	case f.Status == http.StatusServiceUnavailable:
		WriteJSON(w, f.Status, ErrorBody{Errors: []string{"Service temporarily unavailable due to an ongoing leader election. Please refresh."}})
		return true
	case f.Status == http.StatusInternalServerError:
		internalError(w, "org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java)",
			"java.lang.RuntimeException: injected fault")
		return true
	case f.Status != 0:
		WriteJSON(w, f.Status, ErrorBody{Errors: []string{http.StatusText(f.Status)}})
		return true
	}
	return false
}

// resetConnection hijacks the connection and closes it with SO_LINGER 0 so
// the client sees a reset rather than a clean end of stream.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
