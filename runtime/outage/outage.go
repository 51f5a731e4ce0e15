// Package outage logs the availability of the services the runtime
// depends on (the WebHDFS NameNodes of each nameservice, the Flink
// JobManager): one warning when a service stops answering, one line when
// it answers again with how long it was down, and nothing in between,
// however many requests fail meanwhile.
package outage

import (
	"log/slog"
	"sync"
	"time"
)

// Tracker follows services by name. Its zero value is not usable; use
// New. It is safe for concurrent use.
type Tracker struct {
	now func() time.Time

	mu   sync.Mutex
	log  *slog.Logger
	down map[string]time.Time // service → when it was first seen down
}

// New returns a tracker that logs to nothing until SetLogger; now nil
// means time.Now.
func New(now func() time.Time) *Tracker {
	if now == nil {
		now = time.Now
	}
	return &Tracker{now: now, down: map[string]time.Time{}}
}

// SetLogger sets where transitions are logged.
func (t *Tracker) SetLogger(l *slog.Logger) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.log = l
}

// Observe records the outcome of one operation on service: unreachable
// means it got no answer (refused, reset, timed out); any answer, an
// error answer included, means the service is up.
func (t *Tracker) Observe(service string, unreachable bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	since, wasDown := t.down[service]
	switch {
	case unreachable && !wasDown:
		t.down[service] = t.now()
		if t.log != nil {
			t.log.Warn("service unreachable; operations that need it wait and retry", "service", service, "error", err)
		}
	case !unreachable && wasDown:
		delete(t.down, service)
		if t.log != nil {
			t.log.Info("service reachable again", "service", service, "down_for", t.now().Sub(since).Round(time.Millisecond).String())
		}
	}
}

// Down lists the services currently seen down.
func (t *Tracker) Down() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for s := range t.down {
		out = append(out, s)
	}
	return out
}
