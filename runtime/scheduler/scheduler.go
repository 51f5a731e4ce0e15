package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/coordc/coordc/runtime/clock"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sla"
	"github.com/coordc/coordc/runtime/state"
)

// Oozie's engine settings (oozie-default.xml) that the scheduler follows.
const (
	// Lookahead: a job is materialized when its next nominal time is less
	// than now + 300 s (CoordMaterializeTriggerService.lookup.interval).
	Lookahead = 300 * time.Second
	// Window is one materialization run's span
	// (CoordMaterializeTriggerService.materialization.window).
	Window = time.Hour
	// BatchSize caps a LAST_ONLY/NONE catch-up run (action.batch.size).
	BatchSize = 10_000
	// Requeue is how often a WAITING action's inputs are checked again
	// (coord.input.check.requeue.interval).
	Requeue = time.Minute
	// NoneTolerance is how late a NONE action may start
	// (oozie.coord.execution.none.tolerance).
	NoneTolerance = time.Minute
)

// Loader rebuilds the compiled coordinator of a stored job, for a scheduler
// that did not submit it (a restarted process).
type Loader func(ctx context.Context, job state.Job) (*ir.Coordinator, error)

// Scheduler is Oozie's coordinator engine over a state database. Fill the
// fields and call Submit, Tick and the operations; a Scheduler is safe for
// use by one goroutine at a time (apply's loop), and several processes may
// share the database.
type Scheduler struct {
	Store   *state.Store
	Runner  runner.Runner
	Storage schedule.Storage
	// SLA is the SLA service each tick runs (package runtime/sla).
	SLA sla.Monitor
	// Clock is the time every decision reads; nil means clock.System.
	Clock clock.Clock
	// Logger receives one line per state change; nil discards.
	Logger *slog.Logger
	// Load rebuilds the coordinator of a job this Scheduler did not submit;
	// nil means LoadDefinition.
	Load Loader
	// Dir is where each action run's directory (Request.Dir) is made:
	// Dir/<job id>/<action number>/<run>; "" leaves Request.Dir empty.
	Dir string
	// PollInterval is how soon a running action is checked again when the
	// runner gives no NextCheck; 0 means 5 seconds.
	PollInterval time.Duration
	// NoneTolerance overrides the NONE execution tolerance; 0 means 1 minute.
	NoneTolerance time.Duration
	// EventDriven says that the Runner's local workflows report their news
	// through Woken: the ends of their local processes, and after Start or
	// StartAll, a workflow left with work for Check (one that ended while
	// starting, or has a node to start). A RUNNING action is then checked
	// when woken, when the runner's NextCheck is due or PollInterval after
	// its start or last check, not on every tick. Without it every tick
	// checks every running action.
	EventDriven bool
	// ID names the scheduler in the state database: the owner of the
	// actions it starts. "" means the process's ID,
	// "<host>:<pid>:<start time>"; the host part decides which scheduler
	// may re-attach a dead one's local processes (owner.go).
	ID string
	// Lease is how long the started actions of a scheduler whose
	// heartbeat stopped stay its own; 0 means DefaultLease.
	Lease time.Duration

	mu        sync.Mutex
	coords    map[string]*ir.Coordinator
	recovered map[string]bool
	woken     map[string]time.Time // external IDs reported by Woken, with when
	checkAt   map[string]time.Time // action ID → next check (EventDriven)
	beats     map[string]time.Time // the schedulers' heartbeats, read by each tick
	beat      time.Time            // when this scheduler last wrote its heartbeat
	forgot    time.Time            // when the rows of long-gone schedulers were last deleted
}

// Woken tells an EventDriven scheduler that the workflow with this external
// ID has news (its local process ended): the next tick checks it. It is
// safe to call from any goroutine.
func (s *Scheduler) Woken(externalID string) {
	now := s.clock().Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.woken == nil {
		s.woken = map[string]time.Time{}
	}
	s.woken[externalID] = now
}

// forgetWakes drops the wakes that no check took within two poll
// intervals: those of workflows no action of this scheduler runs (a
// sub-workflow's child job, an action another scheduler owns or that
// ended otherwise), which would otherwise stay for the life of a server.
// A wake of a running action is taken by the next tick, and a wake
// dropped costs at most a poll interval.
func (s *Scheduler) forgetWakes(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, at := range s.woken {
		if now.Sub(at) > 2*s.pollInterval() {
			delete(s.woken, id)
		}
	}
}

// checkDue reports whether a running action must be checked now: always
// unless EventDriven; then when it was woken (which is cleared, so that a
// wake during the check is kept for the next tick) or its check time came.
// Otherwise it returns the check time.
func (s *Scheduler) checkDue(a state.Action, now time.Time) (bool, time.Time) {
	if !s.EventDriven || a.Pending {
		return true, time.Time{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.woken[a.ExternalID]; ok {
		delete(s.woken, a.ExternalID)
		return true, time.Time{}
	}
	at, ok := s.checkAt[a.ID]
	if !ok || !now.Before(at) {
		return true, time.Time{}
	}
	return false, at
}

// checked records when a running action is due for its next check (the
// zero time: no longer running).
func (s *Scheduler) checked(actionID string, at time.Time) {
	if !s.EventDriven {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if at.IsZero() {
		delete(s.checkAt, actionID)
		return
	}
	if s.checkAt == nil {
		s.checkAt = map[string]time.Time{}
	}
	s.checkAt[actionID] = at
}

func (s *Scheduler) log() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

func (s *Scheduler) clock() clock.Clock { return clock.Or(s.Clock) }

// store is the Store recording times from the scheduler's clock.
func (s *Scheduler) store() *state.Store { return s.Store.WithClock(s.clock()) }

func (s *Scheduler) pollInterval() time.Duration {
	if s.PollInterval > 0 {
		return s.PollInterval
	}
	return 5 * time.Second
}

func (s *Scheduler) noneTolerance() time.Duration {
	if s.NoneTolerance > 0 {
		return s.NoneTolerance
	}
	return NoneTolerance
}

// coordinator returns the compiled coordinator of job, loading it once per
// definition hash (an update, by this process or another, loads the new
// definition).
func (s *Scheduler) coordinator(ctx context.Context, job state.Job) (*ir.Coordinator, error) {
	s.mu.Lock()
	c := s.coords[coordKey(job.ID, job.DefinitionHash)]
	s.mu.Unlock()
	if c != nil {
		return c, nil
	}
	load := s.Load
	if load == nil {
		load = LoadDefinition
	}
	c, err := load(ctx, job)
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", job.ID, err)
	}
	s.remember(coordKey(job.ID, job.DefinitionHash), c)
	return c, nil
}

// coordKey keys the compiled coordinators by job and definition hash.
func coordKey(id, hash string) string { return id + "\x00" + hash }

func (s *Scheduler) remember(key string, c *ir.Coordinator) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.coords == nil {
		s.coords = map[string]*ir.Coordinator{}
	}
	s.coords[key] = c
}

// actionDir is the directory of one run of an action.
func (s *Scheduler) actionDir(a state.Action) string {
	if s.Dir == "" {
		return ""
	}
	return filepath.Join(s.Dir, a.JobID, strconv.Itoa(a.Number), strconv.Itoa(a.Run))
}

// WorkflowID is the workflow job ID of one run of a coordinator action, as
// schemas/state.sql documents it ("<coord action id>-W<run>"); the
// scheduler uses it to kill a workflow whose start it cannot confirm.
func WorkflowID(actionID string, run int) string { return fmt.Sprintf("%s-W%d", actionID, run) }

// next tracks the earliest useful time of the next tick.
type next struct{ t time.Time }

func (n *next) at(t time.Time) {
	if !t.IsZero() && (n.t.IsZero() || t.Before(n.t)) {
		n.t = t
	}
}

// ErrNotEligible is returned (wrapped) when an operation does not apply to
// the job's or actions' status.
var ErrNotEligible = errors.New("not eligible")
