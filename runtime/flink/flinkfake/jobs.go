package flinkfake

import (
	"fmt"
	"sort"
	"time"
)

// Flink job states (flink-core JobStatus).
const (
	StateInitializing = "INITIALIZING"
	StateCreated      = "CREATED"
	StateRunning      = "RUNNING"
	StateFailing      = "FAILING"
	StateFailed       = "FAILED"
	StateCancelling   = "CANCELLING"
	StateCanceled     = "CANCELED"
	StateFinished     = "FINISHED"
	StateRestarting   = "RESTARTING"
	StateSuspended    = "SUSPENDED"
	StateReconciling  = "RECONCILING"
)

// isTerminal reports whether a state is globally terminal.
func isTerminal(state string) bool {
	return state == StateFailed || state == StateCanceled || state == StateFinished
}

// Failure is an exception the fake reports for a job in
// GET /jobs/:jobid/exceptions.
type Failure struct {
	// ExceptionName is the Java class, e.g. "java.lang.IllegalStateException".
	ExceptionName string
	// Message is the exception message.
	Message string
	// TaskName names the failing task; empty for a global failure.
	TaskName string
}

// Step is one transition of a job's lifecycle, After its submission.
type Step struct {
	After   time.Duration
	State   string
	Failure *Failure
}

// Script is a job lifecycle: steps applied in order as the clock passes them.
// Steps after a globally terminal state are ignored.
type Script []Step

// DefaultScript is CREATED on submission, RUNNING after 1s, FINISHED after 10s.
func DefaultScript() Script {
	return Script{{State: StateCreated}, {After: time.Second, State: StateRunning}, {After: 10 * time.Second, State: StateFinished}}
}

// FailingScript runs the job and fails it with f after d.
func FailingScript(d time.Duration, f Failure) Script {
	return Script{{State: StateCreated}, {After: time.Second, State: StateRunning}, {After: d, State: StateFailed, Failure: &f}}
}

// RunForever keeps the job RUNNING until someone stops or cancels it.
func RunForever() Script {
	return Script{{State: StateCreated}, {After: time.Second, State: StateRunning}}
}

// RunInfo is what a jar run request asked for, after Flink's merging of body
// and query parameters.
type RunInfo struct {
	JobID                 string
	JarID                 string
	EntryClass            string
	ProgramArgs           []string
	Parallelism           int
	SavepointPath         string
	AllowNonRestoredState bool
	ClaimMode             string
	FlinkConfiguration    map[string]string
}

// JobInfo is a snapshot of one job for test assertions.
type JobInfo struct {
	Run         RunInfo
	State       string
	SubmittedAt time.Time
	Failures    []Failure
	// Queryable is false once the job left the execution graph store
	// (expired, or lost in a restart) while its id is still remembered.
	Queryable bool
}

type timedStep struct {
	at      time.Time
	state   string
	failure *Failure
}

type rootException struct {
	failure Failure
	at      time.Time
}

type job struct {
	run       RunInfo
	submitted time.Time
	pending   []timedStep
	state     string
	history   []rootException
	ended     time.Time
	archived  bool
}

func newJob(run RunInfo, now time.Time, script Script) *job {
	j := &job{run: run, submitted: now, state: StateInitializing}
	for _, st := range script {
		j.pending = append(j.pending, timedStep{at: now.Add(st.After), state: st.State, failure: st.Failure})
	}
	sort.SliceStable(j.pending, func(a, b int) bool { return j.pending[a].at.Before(j.pending[b].at) })
	j.advance(now)
	return j
}

// advance applies every pending step due at now.
func (j *job) advance(now time.Time) {
	for len(j.pending) > 0 && !j.pending[0].at.After(now) {
		st := j.pending[0]
		j.pending = j.pending[1:]
		j.apply(st.state, st.failure, st.at)
	}
}

func (j *job) apply(state string, f *Failure, at time.Time) {
	if isTerminal(j.state) {
		return
	}
	j.state = state
	if f != nil {
		j.history = append(j.history, rootException{failure: *f, at: at})
	}
	if isTerminal(state) {
		j.ended = at
		j.pending = nil
	}
}

// queryable reports whether GET requests still find the job at now.
func (j *job) queryable(now time.Time, expiry time.Duration) bool {
	if j.archived {
		return false
	}
	return !isTerminal(j.state) || now.Sub(j.ended) < expiry
}

func (j *job) info(now time.Time, expiry time.Duration) JobInfo {
	fs := make([]Failure, len(j.history))
	for i, h := range j.history {
		fs[i] = h.failure
	}
	return JobInfo{Run: j.run, State: j.state, SubmittedAt: j.submitted, Failures: fs, Queryable: j.queryable(now, expiry)}
}

// lookup returns the job if it is queryable now, advancing it first.
// Callers hold s.mu.
func (s *Server) lookup(id string) (*job, time.Time, bool) {
	now := s.clock.Now()
	j, ok := s.jobs[id]
	if !ok {
		return nil, now, false
	}
	j.advance(now)
	return j, now, j.queryable(now, s.opts.JobStoreExpiration)
}

// Job returns a snapshot of the job with the given id.
func (s *Server) Job(id string) (JobInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[id]
	if !ok {
		return JobInfo{}, false
	}
	now := s.clock.Now()
	j.advance(now)
	return j.info(now, s.opts.JobStoreExpiration), true
}

// Jobs returns snapshots of all remembered jobs in submission order.
func (s *Server) Jobs() []JobInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	out := make([]JobInfo, 0, len(s.order))
	for _, id := range s.order {
		j := s.jobs[id]
		j.advance(now)
		out = append(out, j.info(now, s.opts.JobStoreExpiration))
	}
	return out
}

// SetState moves a job to state now, dropping the rest of its script; f, if
// given, is recorded as a root exception. It is the manual alternative to a
// Script. Moving a globally terminal job is an error.
func (s *Server) SetState(id, state string, f *Failure) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[id]
	if !ok {
		return fmt.Errorf("flinkfake: no job %s", id)
	}
	now := s.clock.Now()
	j.advance(now)
	if isTerminal(j.state) {
		return fmt.Errorf("flinkfake: job %s is already %s", id, j.state)
	}
	j.pending = nil
	j.apply(state, f, now)
	return nil
}
