package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

type vector struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Input    vectorInput     `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

type vectorInput struct {
	Timeout     *int   `json:"timeout_minutes"`
	Missing     string `json:"missing_dependency"`
	Created     string `json:"action_created"`
	Execution   string `json:"execution"`
	Frequency   string `json:"frequency"`
	Start, End  string
	Number      int    `json:"action_number"`
	Nominal     string `json:"nominal_time"`
	Tolerance   int    `json:"tolerance_minutes"`
	Concurrency int    `json:"concurrency"`
	Status      string `json:"status"`
	Actions     []struct {
		N       int    `json:"n"`
		Status  string `json:"status"`
		Nominal string `json:"nominal"`
	} `json:"actions"`
}

var relTime = regexp.MustCompile(`^now([+-]\d+)m$`)

// at resolves "now", "now-65m", "now+3h"-style times and absolute ones.
func at(s string) time.Time {
	if s == "now" {
		return now
	}
	if m := relTime.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return now.Add(time.Duration(n) * time.Minute)
	}
	t, err := time.Parse("2006-01-02T15:04Z", s)
	if err != nil {
		panic(fmt.Sprintf("vector time %q", s))
	}
	return t
}

// TestControlVectors runs the shared `control` vectors. Like Oozie's own
// tests, the skip and ready vectors store the listed actions directly and
// run one tick at "now" (the fake clock).
func TestControlVectors(t *testing.T) {
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var file struct{ Vectors []vector }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, v := range file.Vectors {
		if v.Kind != "control" {
			continue
		}
		ran++
		t.Run(v.ID, func(t *testing.T) {
			e := newEnv(t)
			in := v.Input
			switch {
			case in.Status == "PREP":
				runLookaheadVector(t, e, v)
			case len(in.Actions) > 0:
				runReadyVector(t, e, v)
			case in.Timeout != nil:
				runTimeoutVector(t, e, v)
			default:
				runSkipVector(t, e, v)
			}
		})
	}
	if ran != 11 {
		t.Errorf("ran %d control vectors, want 11", ran)
	}
}

func runLookaheadVector(t *testing.T, e *env, v vector) {
	var want struct {
		JobStatus state.JobStatus `json:"job_status"`
	}
	json.Unmarshal(v.Expected, &want)
	job := e.submit(spec{Freq: 60, Start: at(v.Input.Start), End: at(v.Input.End), NoInput: true})
	e.tick()
	if got := e.job(job).Status; got != want.JobStatus {
		t.Errorf("job status %s, want %s", got, want.JobStatus)
	}
}

// seeded is an action for seed.
type seeded struct {
	N       int
	Nominal time.Time
	Status  state.ActionStatus
}

// seed submits sp's coordinator and stores the given actions as Oozie's
// tests do: number, nominal time and status as listed (created now), the
// plan of each from the planner.
func seed(t *testing.T, e *env, sp spec, acts []seeded) string {
	c, path := e.compile(sp)
	job, err := e.s.Submit(context.Background(), c, Meta{AppPath: path})
	if err != nil {
		t.Fatal(err)
	}
	m := state.Materialization{JobID: job, Running: true}
	for _, sa := range acts {
		a, diags := schedule.ActionAt(c, sa.Nominal, schedule.Options{JobID: job, ActualTime: func(time.Time) time.Time { return now }})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		data, _ := json.Marshal(a)
		m.Actions = append(m.Actions, state.NewAction{Number: sa.N, Nominal: sa.Nominal, Timeout: c.Controls.Timeout.Effective, ActionJSON: string(data)})
		m.NextMatdTime = sa.Nominal.Add(time.Duration(sp.Freq) * time.Minute)
	}
	if ok, err := e.store.Materialize(context.Background(), m); !ok || err != nil {
		t.Fatal(ok, err)
	}
	for _, sa := range acts {
		ext := ""
		if sa.Status == state.Running {
			ext, _ = e.runner.Start(context.Background(), runnerRequest(state.ActionID(job, sa.N)))
		}
		e.force(job, sa.N, sa.Status, ext)
	}
	return job
}

func runSkipVector(t *testing.T, e *env, v vector) {
	in := v.Input
	var want struct {
		Status state.ActionStatus `json:"action_status"`
	}
	json.Unmarshal(v.Expected, &want)
	freq, _ := strconv.Atoi(in.Frequency)
	nominal := at(in.Nominal)
	start, end, number := nominal, nominal.Add(4*time.Hour), 1 // NONE vectors give only the nominal time
	if in.Start != "" {
		start, end, number = at(in.Start), at(in.End), in.Number
	}
	if in.Tolerance > 0 {
		e.s.NoneTolerance = time.Duration(in.Tolerance) * time.Minute
	}
	job := seed(t, e, spec{Freq: freq, Start: start, End: end, Execution: in.Execution}, []seeded{{number, nominal, state.Waiting}})
	e.tick()
	if got := e.action(job, number).Status; got != want.Status {
		t.Errorf("action %d: %s, want %s", number, got, want.Status)
	}
}

func runReadyVector(t *testing.T, e *env, v vector) {
	in := v.Input
	var want struct {
		Statuses []string `json:"statuses_after_ready_command"`
	}
	json.Unmarshal(v.Expected, &want)
	freq, _ := strconv.Atoi(in.Frequency)
	if in.Tolerance > 0 {
		e.s.NoneTolerance = time.Duration(in.Tolerance) * time.Minute
	}
	var acts []seeded
	for _, a := range in.Actions {
		acts = append(acts, seeded{a.N, at(a.Nominal), state.ActionStatus(a.Status)})
	}
	job := seed(t, e, spec{Freq: freq, Start: at(in.Start), End: at(in.End), Execution: in.Execution,
		Concurrency: strconv.Itoa(in.Concurrency)}, acts)
	e.tick()
	var got []string
	for _, a := range in.Actions {
		got = append(got, string(e.action(job, a.N).Status))
	}
	if diff := cmp.Diff(want.Statuses, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// runTimeoutVector: the action was created action_created ago with its
// nominal time at or before that, and its input is missing. A "nofs://"
// dependency makes the storage fail (Oozie: "No FileSystem for scheme";
// coordc records the storage's own message).
func runTimeoutVector(t *testing.T, e *env, v vector) {
	in := v.Input
	var want struct {
		Status   state.ActionStatus `json:"action_status"`
		Contains string             `json:"error_message_contains"`
	}
	json.Unmarshal(v.Expected, &want)
	created := at(in.Created)
	prefix := "/dirx"
	if strings.HasPrefix(in.Missing, "nofs://") {
		prefix = "nofs:///dirx"
	}
	e.clock.Set(created)
	job := e.submit(spec{Freq: 60, Start: created, End: created.Add(24 * time.Hour), Timeout: strconv.Itoa(*in.Timeout), URIPrefix: prefix})
	e.tick() // materializes action 1 at its nominal time
	e.clock.Set(now)
	e.tick()
	a := e.action(job, 1)
	if a.Status != want.Status {
		t.Errorf("status %s, want %s", a.Status, want.Status)
	}
	if want.Contains != "" && !strings.Contains(a.ErrorMessage, "nofs") {
		t.Errorf("error message %q does not name the failing scheme (Oozie: %q)", a.ErrorMessage, want.Contains)
	}
}
