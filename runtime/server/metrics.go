package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/VictoriaMetrics/metrics"
	"github.com/coordc/coordc/runtime/state"
)

// Metrics are the server's Prometheus metrics. Counts read from the state
// database (actions by status, materialization lag, input wait, leases
// held by each scheduler) are
// computed at scrape time, so every server on one database reports the
// same; tick durations, launch latencies and HTTP requests are this
// process's.
//
// The metrics are kept with github.com/VictoriaMetrics/metrics in a set of
// the server's own: unlike prometheus/client_golang, whose package
// initialisation registers Go and process collectors (and pulls in procfs'
// regular expressions and protobuf) in every coordc invocation, it costs
// next to nothing in the commands that never serve metrics (see the README's
// "Start-up cost").
type Metrics struct {
	set     *metrics.Set
	tick    *metrics.PrometheusHistogram
	launch  *metrics.PrometheusHistogram
	submits *metrics.Counter
	store   *state.Store
	// running holds the actions RUNNING at the last Tick, with their run.
	running map[string]int
}

// Buckets of the histograms (upper bounds, in seconds).
var (
	requestBuckets = metrics.ExponentialBuckets(0.0005, 4, 9)
	tickBuckets    = metrics.ExponentialBuckets(0.001, 4, 9)
	launchBuckets  = metrics.ExponentialBuckets(0.5, 4, 10)
)

// help holds the HELP text of each metric family of coordc's own.
var help = map[string]string{
	"coordc_http_requests_total":           "HTTP requests by route, method and status code.",
	"coordc_http_request_duration_seconds": "HTTP request latency by route.",
	"coordc_tick_duration_seconds":         "Duration of scheduler ticks.",
	"coordc_action_launch_latency_seconds": "From an action's due time (the later of its nominal and materialization time) to RUNNING, per action started.",
	"coordc_jobs_submitted_total":          "Jobs submitted through the API.",
	"coordc_actions":                       "Coordinator actions by status (every job).",
	"coordc_jobs":                          "Coordinator jobs by status.",
	"coordc_materialization_lag_seconds":   "Longest time by which a running job's next action is overdue for materialization (now - lookahead - next materialization time, at least 0).",
	"coordc_input_wait_seconds":            "Longest time a WAITING action has waited for its inputs (now - the later of nominal and materialization time).",
	"coordc_leases_held":                   "Started actions (SUBMITTED or RUNNING) each scheduler owns: the leases it holds while its heartbeat is fresh.",
	"coordc_state_up":                      "1 when the state database answered the scrape's queries.",
}

// NewMetrics registers the metrics of a server on st.
func NewMetrics(st *state.Store) *Metrics {
	m := &Metrics{set: metrics.NewSet(), store: st}
	m.tick = m.set.NewPrometheusHistogramExt("coordc_tick_duration_seconds", tickBuckets)
	m.launch = m.set.NewPrometheusHistogramExt("coordc_action_launch_latency_seconds", launchBuckets)
	m.submits = m.set.NewCounter("coordc_jobs_submitted_total")
	return m
}

// Handler serves the metrics in Prometheus' text format: coordc's own
// (with their HELP and TYPE lines), then the Go runtime's and the
// process's.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		var own, out bytes.Buffer
		m.set.WritePrometheus(&own)
		m.writeState(&own)
		withHelp(&out, own.Bytes())
		metrics.WriteProcessMetrics(&out)
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Write(out.Bytes())
	})
}

// withHelp copies the samples of text to w, each family preceded by its
// HELP and TYPE lines.
func withHelp(w io.Writer, text []byte) {
	family := ""
	for line := range strings.Lines(string(text)) {
		name := line[:strings.IndexAny(line, "{ ")]
		f := name
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(name, suffix); ok && isHistogram(base) {
				f = base
			}
		}
		if f != family {
			family = f
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f, help[f], f, familyType(f))
		}
		io.WriteString(w, line)
	}
}

func isHistogram(family string) bool {
	switch family {
	case "coordc_http_request_duration_seconds", "coordc_tick_duration_seconds", "coordc_action_launch_latency_seconds":
		return true
	}
	return false
}

func familyType(family string) string {
	switch {
	case isHistogram(family):
		return "histogram"
	case strings.HasSuffix(family, "_total"):
		return "counter"
	}
	return "gauge"
}

// labelValue quotes v as a label value of Prometheus' text format.
func labelValue(v string) string {
	return `"` + labelEscaper.Replace(v) + `"`
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// request counts one HTTP request.
func (m *Metrics) request(route, method string, code int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.set.GetOrCreateCounter("coordc_http_requests_total{code=" + labelValue(strconv.Itoa(code)) +
		",method=" + labelValue(method) + ",route=" + labelValue(route) + "}").Inc()
	m.set.GetOrCreatePrometheusHistogramExt("coordc_http_request_duration_seconds{route="+labelValue(route)+"}",
		requestBuckets).Update(took.Seconds())
}

func (m *Metrics) submitted(n int) {
	if m != nil {
		m.submits.Add(n)
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
	m.tick.Update(took.Seconds())
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
				m.launch.Update(d.Seconds())
			}
		}
	}
	m.running = running
}

// writeState writes the gauges read from the state database at scrape
// time; when a query fails, only coordc_state_up 0.
func (m *Metrics) writeState(w io.Writer) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	up := 0
	defer func() { fmt.Fprintf(w, "coordc_state_up %d\n", up) }()
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
	for _, s := range state.ActionStatuses {
		fmt.Fprintf(w, "coordc_actions{status=%s} %d\n", labelValue(string(s)), actions[s])
	}
	for _, s := range state.JobStatuses {
		fmt.Fprintf(w, "coordc_jobs{status=%s} %d\n", labelValue(string(s)), byJob[s])
	}
	fmt.Fprintf(w, "coordc_materialization_lag_seconds %s\n", formatFloat(lag.Seconds()))
	fmt.Fprintf(w, "coordc_input_wait_seconds %s\n", formatFloat(wait.Seconds()))
	for _, owner := range slices.Sorted(maps.Keys(leases)) {
		fmt.Fprintf(w, "coordc_leases_held{scheduler=%s} %d\n", labelValue(owner), leases[owner])
	}
	up = 1
}

// formatFloat writes v as Prometheus' text format does.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
