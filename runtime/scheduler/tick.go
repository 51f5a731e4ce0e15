package scheduler

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/state"
)

// tickStatuses are the job statuses a tick works on: materialization in
// PREP/RUNNING/RUNNINGWITHERROR, input checks and starts in those and in
// PAUSED/PAUSEDWITHERROR, runner checks in all of them (a FAILED job's
// workflows still finish), pause transitions in the PREP, RUNNING and
// paused ones.
var tickStatuses = []state.JobStatus{state.JobPrep, state.JobRunning, state.JobRunningWithError,
	state.JobPrepSuspended, state.JobSuspended, state.JobSuspendedWithError, state.JobFailed,
	state.JobPrepPaused, state.JobPaused, state.JobPausedWithError}

// Tick does one pass over every job (SEMANTICS §7–§8): pending runner calls
// are repeated, running actions checked, due actions materialized, inputs of
// WAITING actions checked, timeouts and LAST_ONLY/NONE skips applied, READY
// actions started within the concurrency in execution order, and the job
// statuses recomputed. It returns when another tick is next useful (the
// next due nominal time, the next input re-check, a runner's NextCheck); the
// zero time means no job has anything left to do until an operation
// (rerun, resume) changes that. Only the jobs due are read: one whose
// actions have all finished records when it next has work
// (state.Store.SetNextDue) and is skipped until then, so an idle tick
// costs one index lookup however many jobs the database holds. Errors of one job do not stop the others;
// they are returned joined.
func (s *Scheduler) Tick(ctx context.Context) (time.Time, error) {
	st := s.store()
	if err := s.readHeartbeats(ctx, st); err != nil {
		return time.Time{}, err
	}
	if err := s.recoverOnce(ctx, st); err != nil {
		return time.Time{}, err
	}
	if err := s.finishPendingKills(ctx, st); err != nil {
		return time.Time{}, err
	}
	now := s.clock().Now()
	var nx next
	var errs []error
	bundles, err := s.tickBundles(ctx, st, now, &nx)
	if err != nil {
		errs = append(errs, err)
	}
	jobs, err := st.DueJobs(ctx, now)
	if err != nil {
		return time.Time{}, err
	}
	for _, job := range jobs {
		if err := ctx.Err(); err != nil {
			return nx.t, err
		}
		if !slices.Contains(tickStatuses, job.Status) { // finished: never due again unless an operation says so
			if err := st.SetNextDue(ctx, job.ID, job.DueSeq, time.Time{}); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		var jn next
		if err := s.tickJob(ctx, st, job, &jn); err != nil {
			errs = append(errs, err)
			nx.at(jn.t)
			continue
		}
		nx.at(jn.t)
		if err := s.recordNextDue(ctx, st, job, jn.t); err != nil {
			errs = append(errs, err)
		} else if err := s.checkSLA(ctx, st, job, &nx); err != nil {
			errs = append(errs, err)
		}
	}
	if t, err := s.SLA.CheckWorkflows(ctx, st, s.clock().Now()); err != nil {
		errs = append(errs, err)
	} else {
		nx.at(t)
	}
	later, err := st.NextDue(ctx, now)
	if err != nil {
		errs = append(errs, err)
	}
	nx.at(later)
	if err := s.rollUpBundles(ctx, st, bundles); err != nil {
		errs = append(errs, err)
	}
	s.forgetWakes(s.clock().Now())
	return nx.t, errors.Join(errs...)
}

// recordNextDue stores when a job with no active action next has work, so
// that ticks until then skip it; a job with active actions stays due.
func (s *Scheduler) recordNextDue(ctx context.Context, st *state.Store, job state.Job, at time.Time) error {
	active, err := st.HasActive(ctx, job.ID)
	if err != nil || active {
		return err
	}
	return st.SetNextDue(ctx, job.ID, job.DueSeq, at)
}

// tickJob runs the steps of one tick for one job.
func (s *Scheduler) tickJob(ctx context.Context, st *state.Store, job state.Job, nx *next) error {
	now := s.clock().Now()
	if _, ok := pauseStatus(job.Status, job.PauseTime, now); ok {
		if err := s.pauseTransit(ctx, st, job.ID, now); err != nil {
			return err
		}
		var err error
		if job, err = st.GetJob(ctx, job.ID); err != nil {
			return err
		}
	}
	if !job.PauseTime.IsZero() && job.PauseTime.After(now) {
		nx.at(job.PauseTime) // the pause takes effect then
	}
	if err := s.startSubmitted(ctx, st, job, nx); err != nil {
		return err
	}
	if err := s.checkRunning(ctx, st, job, nx); err != nil {
		return err
	}
	if job.Status == state.JobFailed || job.Status.Suspended() || job.Status == state.JobPrepPaused {
		return s.transit(ctx, st, job.ID)
	}
	if held, err := s.heldByBundle(ctx, st, job, nx); held || err != nil {
		return err // PREP until its bundle's kick-off
	}
	c, err := s.coordinator(ctx, job)
	if err != nil {
		return err
	}
	job, claimed, err := s.claimRounds(ctx, st, job, c, now, nx)
	if len(claimed) > 0 {
		err = errors.Join(err, s.startAll(ctx, st, job, c, claimed, nx))
	}
	if err != nil || job.Status == state.JobPrep || job.Status == state.JobFailed {
		return err
	}
	return s.transit(ctx, st, job.ID)
}

// maxRounds bounds the rounds of claimRounds in one tick.
const maxRounds = 16

// claimRounds materializes job's due actions, checks their inputs and
// claims the READY ones; while the round claimed actions (which no longer
// count against the throttle) and materialization is still due (a
// catch-up, which moves by a window of throttle actions per run), it makes
// another round, up to maxRounds: what immediate ticks one after the other
// would do, without their settling and bookkeeping in between. The rounds
// of a coordinator without input events read no storage and are one
// transaction (one commit instead of three per round); a round that checks
// done-flags commits its steps one by one, never holding a transaction
// across storage calls. The actions claimed are then started together,
// with one commit for all. It returns the job as it is afterwards and the
// actions claimed and committed: when a round fails, those of the rounds
// before it, or none when the rounds were one transaction.
func (s *Scheduler) claimRounds(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, now time.Time, nx *next) (state.Job, []state.Action, error) {
	// When materialization is next due: the last round's answer (an
	// earlier round's is past once a later one ran).
	var mat next
	defer func() { nx.at(mat.t) }()
	if len(c.Inputs) > 0 || c.InputLogic != nil {
		return s.rounds(ctx, st, job, c, now, &mat, nx)
	}
	before := job
	var claimed []state.Action
	err := st.Tx(ctx, func(tx *state.Tx) error {
		var err error
		job, claimed, err = s.rounds(ctx, txDB{tx}, before, c, now, &mat, nx)
		return err
	})
	if err != nil {
		return before, nil, err // rolled back
	}
	return job, claimed, nil
}

// rounds makes claimRounds' rounds on db.
func (s *Scheduler) rounds(ctx context.Context, db roundDB, job state.Job, c *ir.Coordinator, now time.Time, mat, nx *next) (state.Job, []state.Action, error) {
	var claimed []state.Action
	for round := 1; ; round++ {
		*mat = next{}
		var got []state.Action
		var err error
		job, got, err = s.round(ctx, db, job, c, now, mat, nx)
		claimed = append(claimed, got...)
		if err != nil || job.Status == state.JobPrep || job.Status == state.JobFailed || len(got) == 0 ||
			!materializationDue(job, now) || round == maxRounds || ctx.Err() != nil {
			return job, claimed, err
		}
	}
}

// round is one round of claimRounds on db: materialization (mat learns
// when it is next due), input check and claim.
func (s *Scheduler) round(ctx context.Context, db roundDB, job state.Job, c *ir.Coordinator, now time.Time, mat, nx *next) (state.Job, []state.Action, error) {
	job, err := s.materialize(ctx, db, job, c, now, mat)
	if err != nil || job.Status == state.JobPrep || job.Status == state.JobFailed {
		return job, nil, err
	}
	if err := s.checkInputs(ctx, db, job, c, now, nx); err != nil {
		return job, nil, err
	}
	got, err := s.claimReady(ctx, db, job, c, now, nx)
	return job, got, err
}

// roundDB is what a round reads and changes: the Store, each change a
// commit of its own, or a transaction (txDB), the round one commit.
type roundDB interface {
	GetJob(ctx context.Context, id string) (state.Job, error)
	CountByStatus(ctx context.Context, job string, statuses ...state.ActionStatus) (map[state.ActionStatus]int, error)
	ActionsByStatus(ctx context.Context, job string, statuses []state.ActionStatus, order state.Order, limit int) ([]state.Action, error)
	Materialize(ctx context.Context, m state.Materialization) (bool, error)
	TransitionJob(ctx context.Context, id string, from []state.JobStatus, to state.JobStatus, set state.JobFields) (bool, error)
	TransitionAction(ctx context.Context, id string, from []state.ActionStatus, to state.ActionStatus, set state.Fields) (bool, error)
	ClaimReadyAll(ctx context.Context, job string, ids []string, concurrency int, owner string) ([]bool, error)
	Commit(ctx context.Context, b *state.Batch) error
}

// txDB is a transaction as a roundDB: a batch is applied in it, and its
// callbacks run once the transaction is committed.
type txDB struct{ *state.Tx }

func (t txDB) Commit(ctx context.Context, b *state.Batch) error { return t.Apply(ctx, b) }

// recoverOnce repeats, once per process, the runner calls that a previous
// process recorded as pending and may not have made: kill, suspend and
// resume (pending starts are repeated by every tick).
func (s *Scheduler) recoverOnce(ctx context.Context, st *state.Store) error {
	s.mu.Lock()
	done := s.recovered != nil
	if !done {
		s.recovered = map[string]bool{}
	}
	s.mu.Unlock()
	if done {
		return nil
	}
	acts, err := st.PendingCalls(ctx, state.Killed, state.Suspended, state.Running)
	if err != nil {
		return err
	}
	for _, a := range acts {
		var nx next
		if mine, err := s.owns(ctx, st, a, s.clock().Now(), &nx); err != nil || !mine {
			continue // a live scheduler's: it makes the call
		}
		s.finishPending(ctx, st, a)
	}
	return nil
}

// isCron reports whether c has a cron frequency.
func isCron(c *ir.Coordinator) bool { return c.Frequency.Unit == ir.UnitCron }
