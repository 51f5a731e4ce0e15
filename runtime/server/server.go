package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
)

// MaxBody is the largest request body the server reads (a job
// configuration); larger bodies get 413.
const MaxBody = 1 << 20

// SubmitResult is what a refused submission or update answers: the
// compiler's diagnostics, with the sources for the text rendering.
type SubmitResult = submit.Result

// Submissions makes a server accept submissions (POST /oozie/v2/jobs):
// each is compiled and submitted by submit.Apply, as `coordc apply` does.
type Submissions struct {
	// Runtime is the runtime configuration the workflow definitions are
	// read with (hdfs:// app-paths need its WebHDFS storage); may be nil.
	Runtime *settings.Runtime
	// Secrets, when not nil, learns each submission's properties, so their
	// secret values are masked from then on.
	Secrets *redact.Policy
}

// Config is what a Server needs.
type Config struct {
	Store *state.Store
	// NewScheduler returns a scheduler for one operation (kill, rerun …)
	// on Store; schedulers are used by one goroutine at a time.
	NewScheduler func() *scheduler.Scheduler
	// Submit, when not nil, makes the server accept submissions.
	Submit *Submissions
	// LogDir is the schedulers' Dir: each job's action directories are in
	// LogDir/<job id>, the only place log endpoints read from.
	LogDir string
	Logger *slog.Logger
	// Token, when not empty, is required as a bearer token on every
	// mutating request.
	Token string
	// Version is reported by /oozie/v2/admin/build-version.
	Version string
	// Wake is signalled after a submission or an operation so the loop
	// ticks at once; nil when there is no loop.
	Wake chan<- struct{}
}

// Server is the HTTP side of coordc server.
type Server struct {
	cfg     Config
	metrics *Metrics
	opMu    sync.Mutex // operations run one at a time
	mux     *http.ServeMux
	// draining is set once the server is stopping: /readyz answers 503.
	draining atomic.Bool
}

// Drain makes /readyz answer 503 from now on, so a load balancer stops
// sending requests while the server shuts down.
func (s *Server) Drain() { s.draining.Store(true) }

// New returns a Server; its handler is Handler.
func New(cfg Config, m *Metrics) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, metrics: m, mux: http.NewServeMux()}
	s.routes()
	return s
}

// Handler is the server's HTTP handler: body limit, metrics and access
// log around the routes.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(rec, r.Body, MaxBody)
		}
		_, pattern := s.mux.Handler(r)
		defer func() {
			if p := recover(); p != nil {
				s.cfg.Logger.Error("handler panicked", "path", r.URL.Path, "panic", p)
				if !rec.wrote {
					oozieError(rec, http.StatusInternalServerError, codeSQL, "internal server error")
				}
			}
			s.metrics.request(pattern, r.Method, rec.status, time.Since(began))
			s.cfg.Logger.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(began))
		}()
		s.mux.ServeHTTP(rec, r)
	})
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	m.HandleFunc("GET /readyz", s.readyz)
	m.HandleFunc("GET /oozie/versions", s.versions)
	m.HandleFunc("GET /oozie/v2/admin/status", s.adminStatus)
	m.HandleFunc("GET /oozie/v2/admin/build-version", s.buildVersion)
	m.HandleFunc("GET /oozie/v2/jobs", s.listJobs)
	m.HandleFunc("POST /oozie/v2/jobs", s.mutating(s.submitJob))
	m.HandleFunc("GET /oozie/v2/job/{id}", s.getJob)
	m.HandleFunc("PUT /oozie/v2/job/{id}", s.mutating(s.manageJob))
	m.HandleFunc("GET /oozie/v2/sla", s.listSLAs)
	m.HandleFunc("/oozie/", func(w http.ResponseWriter, r *http.Request) {
		oozieError(w, http.StatusNotFound, codeInvalidResource, "unsupported resource or method: "+r.Method+" "+r.URL.Path+" (see the README's API table)")
	})
	m.HandleFunc("GET /coordc/v1/jobs", s.nativeJobs)
	m.HandleFunc("GET /coordc/v1/status", s.nativeStatus)
	m.HandleFunc("GET /coordc/v1/job/{id}", s.nativeJob)
	m.HandleFunc("GET /coordc/v1/actions/{id}", s.nativeActions)
	m.HandleFunc("GET /coordc/v1/action/{id}", s.nativeAction)
	m.HandleFunc("GET /coordc/v1/logs/{id}", s.nativeLogs)
	m.HandleFunc("GET /coordc/v1/bundles", s.nativeBundles)
	m.HandleFunc("GET /coordc/v1/sla", s.nativeSLAs)
	if s.metrics != nil {
		m.Handle("GET /metrics", s.metrics.Handler())
	}
	s.consoleRoutes()
}

// mutating wraps a handler that changes state: it needs the bearer token
// when one is configured.
func (s *Server) mutating(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="coordc"`)
			oozieError(w, http.StatusUnauthorized, codeUnauthorized, "a mutating request needs Authorization: Bearer TOKEN (the server's --token-file)")
			return
		}
		h(w, r)
	}
}

// authorized checks the bearer token (always true without a token).
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		if c, err := r.Cookie(tokenCookie); err == nil {
			got, ok = c.Value, true
		}
	}
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// operate runs op on a new scheduler, one operation at a time (opMu), and
// wakes the scheduler loop when op changed something.
func (s *Server) operate(op func(*scheduler.Scheduler) error) error {
	s.opMu.Lock()
	err := op(s.cfg.NewScheduler())
	s.opMu.Unlock()
	if err == nil {
		s.wake()
	}
	return err
}

// wake asks the loop for a tick now.
func (s *Server) wake() {
	if s.cfg.Wake == nil {
		return
	}
	select {
	case s.cfg.Wake <- struct{}{}:
	default:
	}
}

// readyz answers 200 when the state database answers and its schema is
// the one this coordc writes.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	v, err := s.cfg.Store.Version(ctx)
	switch {
	case s.draining.Load():
		http.Error(w, "stopping", http.StatusServiceUnavailable)
	case err != nil:
		http.Error(w, "state database unreachable: "+err.Error(), http.StatusServiceUnavailable)
	case v != state.SchemaVersion():
		http.Error(w, "state database schema is not current", http.StatusServiceUnavailable)
	default:
		w.Write([]byte("ready\n"))
	}
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// isTooLarge reports whether err is http.MaxBytesReader's.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
