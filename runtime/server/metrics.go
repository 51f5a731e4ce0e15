package server

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the server's Prometheus metrics. Counts read from the state
// database (actions by status, materialization lag, input wait, leases
// held by each scheduler) are
// computed at scrape time, so every server on one database reports the
// same; tick durations, launch latencies and HTTP requests are this
// process's.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	tick     prometheus.Histogram
	launch   prometheus.Histogram
	submits  prometheus.Counter
	store    *state.Store
	// running holds the actions RUNNING at the last Tick, with their run.
	running map[string]int
}

// NewMetrics registers the metrics of a server on st.
func NewMetrics(st *state.Store) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), store: st}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "coordc_http_requests_total",
		Help: "HTTP requests by route, method and status code."}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "coordc_http_request_duration_seconds",
		Help: "HTTP request latency by route.", Buckets: prometheus.ExponentialBuckets(0.0005, 4, 9)}, []string{"route"})
	m.tick = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "coordc_tick_duration_seconds",
		Help: "Duration of scheduler ticks.", Buckets: prometheus.ExponentialBuckets(0.001, 4, 9)})
	m.launch = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "coordc_action_launch_latency_seconds",
		Help:    "From an action's due time (the later of its nominal and materialization time) to RUNNING, per action started.",
		Buckets: prometheus.ExponentialBuckets(0.5, 4, 10)})
	m.submits = prometheus.NewCounter(prometheus.CounterOpts{Name: "coordc_jobs_submitted_total", Help: "Jobs submitted through the API."})
	m.reg.MustRegister(m.requests, m.latency, m.tick, m.launch, m.submits, &stateCollector{st: st},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// request counts one HTTP request.
func (m *Metrics) request(route, method string, code int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

func (m *Metrics) submitted(n int) {
	if m != nil {
		m.submits.Add(float64(n))
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
	m.tick.Observe(took.Seconds())
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
				m.launch.Observe(d.Seconds())
			}
		}
	}
	m.running = running
}

// stateCollector reads the gauges from the state database at scrape time.
type stateCollector struct{ st *state.Store }

var (
	descActions = prometheus.NewDesc("coordc_actions", "Coordinator actions by status (every job).", []string{"status"}, nil)
	descJobs    = prometheus.NewDesc("coordc_jobs", "Coordinator jobs by status.", []string{"status"}, nil)
	descMatLag  = prometheus.NewDesc("coordc_materialization_lag_seconds",
		"Longest time by which a running job's next action is overdue for materialization (now - lookahead - next materialization time, at least 0).", nil, nil)
	descWait = prometheus.NewDesc("coordc_input_wait_seconds",
		"Longest time a WAITING action has waited for its inputs (now - the later of nominal and materialization time).", nil, nil)
	descLeases = prometheus.NewDesc("coordc_leases_held",
		"Started actions (SUBMITTED or RUNNING) each scheduler owns: the leases it holds while its heartbeat is fresh.", []string{"scheduler"}, nil)
	descUp = prometheus.NewDesc("coordc_state_up", "1 when the state database answered the scrape's queries.", nil, nil)
)

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descActions, descJobs, descMatLag, descWait, descLeases, descUp} {
		ch <- d
	}
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	up := 0.0
	defer func() { ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, up) }()
	jobs, err := c.st.ListJobs(ctx)
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
		counts, err := c.st.CountByStatus(ctx, j.ID, state.ActionStatuses...)
		if err != nil {
			return
		}
		for s, n := range counts {
			actions[s] += n
		}
		if counts[state.Submitted]+counts[state.Running] > 0 {
			held, err := c.st.LeasesHeld(ctx, j.ID)
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
			acts, err := c.st.ActionsByStatus(ctx, j.ID, []state.ActionStatus{state.Waiting}, state.OldestFirst, 1)
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
	for _, s := range state.ActionStatuses {
		ch <- prometheus.MustNewConstMetric(descActions, prometheus.GaugeValue, float64(actions[s]), string(s))
	}
	for _, s := range state.JobStatuses {
		ch <- prometheus.MustNewConstMetric(descJobs, prometheus.GaugeValue, float64(byJob[s]), string(s))
	}
	ch <- prometheus.MustNewConstMetric(descMatLag, prometheus.GaugeValue, lag.Seconds())
	ch <- prometheus.MustNewConstMetric(descWait, prometheus.GaugeValue, wait.Seconds())
	for _, owner := range slices.Sorted(maps.Keys(leases)) {
		ch <- prometheus.MustNewConstMetric(descLeases, prometheus.GaugeValue, float64(leases[owner]), owner)
	}
	up = 1
}
