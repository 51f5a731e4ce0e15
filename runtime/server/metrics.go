package server

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// Metrics are the server's Prometheus metrics. Counts read from the state
// database (actions by status, materialization lag, input wait, leases
// held by each scheduler) are
// computed at scrape time, so every server on one database reports the
// same; tick durations, launch latencies and HTTP requests are this
// process's.
//
// The few metrics are kept here and written in Prometheus' text format
// (metrics_text.go) rather than with a metrics library: both
// prometheus/client_golang (a default registry with Go and process
// collectors, procfs' regular expressions, protobuf) and
// VictoriaMetrics/metrics (cgroup and pressure files read) do work in their
// package initialisation, which every coordc invocation, `coordc version`
// or a one-file lint included, would pay (see the README's "Start-up
// cost").
type Metrics struct {
	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram // by route
	tick     *histogram
	launch   *histogram
	submits  uint64
	store    *state.Store
	// running holds the actions RUNNING at the last Tick, with their run.
	running map[string]int
}

// requestKey is the label set of coordc_http_requests_total.
type requestKey struct {
	route, method string
	code          int
}

// Buckets of the histograms (upper bounds, in seconds).
var (
	requestBuckets = exponentialBuckets(0.0005, 4, 9)
	tickBuckets    = exponentialBuckets(0.001, 4, 9)
	launchBuckets  = exponentialBuckets(0.5, 4, 10)
)

// NewMetrics registers the metrics of a server on st.
func NewMetrics(st *state.Store) *Metrics {
	return &Metrics{
		requests: map[requestKey]uint64{},
		latency:  map[string]*histogram{},
		tick:     newHistogram(tickBuckets),
		launch:   newHistogram(launchBuckets),
		store:    st,
	}
}

// Handler serves the metrics in Prometheus' text format (version 0.0.4):
// coordc's own, the Go runtime's and the process's, each family with its
// HELP and TYPE lines, in order of name.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		var e exposition
		m.writeOwn(&e)
		m.writeState(&e)
		writeGoMetrics(&e)
		writeProcessMetrics(&e)
		var out bytes.Buffer
		e.writeTo(&out)
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Write(out.Bytes())
	})
}

// writeOwn writes the metrics this process counts.
func (m *Metrics) writeOwn(e *exposition) {
	m.mu.Lock()
	defer m.mu.Unlock()
	requests := e.family("coordc_http_requests_total", "counter", "HTTP requests by route, method and status code.")
	for _, k := range slices.SortedFunc(maps.Keys(m.requests), func(a, b requestKey) int {
		return cmp.Or(cmp.Compare(a.code, b.code), strings.Compare(a.method, b.method), strings.Compare(a.route, b.route))
	}) {
		fmt.Fprintf(requests, "coordc_http_requests_total{code=%s,method=%s,route=%s} %d\n",
			labelValue(strconv.Itoa(k.code)), labelValue(k.method), labelValue(k.route), m.requests[k])
	}
	latency := e.family("coordc_http_request_duration_seconds", "histogram", "HTTP request latency by route.")
	for _, route := range slices.Sorted(maps.Keys(m.latency)) {
		m.latency[route].write(latency, "coordc_http_request_duration_seconds", "route="+labelValue(route))
	}
	m.tick.write(e.family("coordc_tick_duration_seconds", "histogram", "Duration of scheduler ticks."), "coordc_tick_duration_seconds", "")
	m.launch.write(e.family("coordc_action_launch_latency_seconds", "histogram",
		"From an action's due time (the later of its nominal and materialization time) to RUNNING, per action started."),
		"coordc_action_launch_latency_seconds", "")
	fmt.Fprintf(e.family("coordc_jobs_submitted_total", "counter", "Jobs submitted through the API."), "coordc_jobs_submitted_total %d\n", m.submits)
}

// request counts one HTTP request.
func (m *Metrics) request(route, method string, code int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, method, code}]++
	h := m.latency[route]
	if h == nil {
		h = newHistogram(requestBuckets)
		m.latency[route] = h
	}
	h.observe(took.Seconds())
}

func (m *Metrics) submitted(n int) {
	if m != nil {
		m.mu.Lock()
		m.submits += uint64(n)
		m.mu.Unlock()
	}
}

// Tick records one scheduler tick, and the launch latency of each action
// that is RUNNING now and was not at the previous call: from its due time
// (the later of nominal and materialization time) to its last change (the
// start, when seen in the tick that started it). An action that starts
// and finishes between two ticks is not counted.
func (m *Metrics) Tick(ctx context.Context, took time.Duration) {
	if m == nil {
		return
	}
	m.observe(m.tick, took.Seconds())
	jobs, err := m.store.ListJobs(ctx)
	if err != nil {
		return
	}
	running := map[string]int{}
	for _, j := range jobs {
		if j.Status.Terminal() {
			continue
		}
		acts, err := m.store.ActionsByStatus(ctx, j.ID, []state.ActionStatus{state.Running}, state.OldestFirst, 0)
		if err != nil {
			return
		}
		for _, a := range acts {
			running[a.ID] = a.Run
			if run, ok := m.running[a.ID]; ok && run == a.Run {
				continue
			}
			due := a.Nominal
			if a.Created.After(due) {
				due = a.Created
			}
			if d := a.LastModified.Sub(due); d >= 0 {
				m.observe(m.launch, d.Seconds())
			}
		}
	}
	m.running = running
}

// observe records v in h.
func (m *Metrics) observe(h *histogram, v float64) {
	m.mu.Lock()
	h.observe(v)
	m.mu.Unlock()
}

// writeState writes the gauges read from the state database at scrape
// time; when a query fails, only coordc_state_up 0.
func (m *Metrics) writeState(e *exposition) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	up := 0
	defer func() {
		fmt.Fprintf(e.family("coordc_state_up", "gauge", "1 when the state database answered the scrape's queries."), "coordc_state_up %d\n", up)
	}()
	jobs, err := m.store.ListJobs(ctx)
	if err != nil {
		return
	}
	now := time.Now()
	actions := map[state.ActionStatus]int{}
	byJob := map[state.JobStatus]int{}
	var lag, wait time.Duration
	leases := map[string]int{}
	for _, j := range jobs {
		byJob[j.Status]++
		counts, err := m.store.CountByStatus(ctx, j.ID, state.ActionStatuses...)
		if err != nil {
			return
		}
		for s, n := range counts {
			actions[s] += n
		}
		if counts[state.Submitted]+counts[state.Running] > 0 {
			held, err := m.store.LeasesHeld(ctx, j.ID)
			if err != nil {
				return
			}
			for owner, n := range held {
				leases[owner] += n
			}
		}
		if j.Status.Terminal() {
			continue
		}
		if !j.DoneMaterialization && !j.NextMatdTime.IsZero() {
			if l := now.Add(-300 * time.Second).Sub(j.NextMatdTime); l > lag {
				lag = l
			}
		}
		if counts[state.Waiting] > 0 {
			acts, err := m.store.ActionsByStatus(ctx, j.ID, []state.ActionStatus{state.Waiting}, state.OldestFirst, 1)
			if err != nil {
				return
			}
			for _, a := range acts {
				due := a.Nominal
				if a.Created.After(due) {
					due = a.Created
				}
				if d := now.Sub(due); d > wait {
					wait = d
				}
			}
		}
	}
	w := e.family("coordc_actions", "gauge", "Coordinator actions by status (every job).")
	for _, s := range state.ActionStatuses {
		fmt.Fprintf(w, "coordc_actions{status=%s} %d\n", labelValue(string(s)), actions[s])
	}
	w = e.family("coordc_jobs", "gauge", "Coordinator jobs by status.")
	for _, s := range state.JobStatuses {
		fmt.Fprintf(w, "coordc_jobs{status=%s} %d\n", labelValue(string(s)), byJob[s])
	}
	fmt.Fprintf(e.family("coordc_materialization_lag_seconds", "gauge",
		"Longest time by which a running job's next action is overdue for materialization (now - lookahead - next materialization time, at least 0)."),
		"coordc_materialization_lag_seconds %s\n", formatFloat(lag.Seconds()))
	fmt.Fprintf(e.family("coordc_input_wait_seconds", "gauge",
		"Longest time a WAITING action has waited for its inputs (now - the later of nominal and materialization time)."),
		"coordc_input_wait_seconds %s\n", formatFloat(wait.Seconds()))
	w = e.family("coordc_leases_held", "gauge",
		"Started actions (SUBMITTED or RUNNING) each scheduler owns: the leases it holds while its heartbeat is fresh.")
	for _, owner := range slices.Sorted(maps.Keys(leases)) {
		fmt.Fprintf(w, "coordc_leases_held{scheduler=%s} %d\n", labelValue(owner), leases[owner])
	}
	up = 1
}
