package scheduler

import (
	"context"
	"encoding/json"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// materialize runs Oozie's materialization for job when it is due (SEMANTICS
// §7) and returns the job as it is afterwards:
//   - due when the next nominal time is before now + Lookahead (and before
//     the end);
//   - a run covers [next, next + Window), capped at the end; when that window
//     is already past (catch-up) it reaches to now for LAST_ONLY/NONE, to
//     the end for cron frequencies, and otherwise to the throttle-th
//     following nominal time before now;
//   - at most throttle − (WAITING + READY) actions per run (BatchSize for a
//     LAST_ONLY or NONE catch-up, whose older actions are skipped at once):
//     READY actions count too, so a catch-up of a job whose actions wait
//     only for concurrency stays bounded, as Oozie's does;
//   - actions are stored WAITING with created = now (coord:actualTime) and
//     the job's timeout; the first run moves the job PREP → RUNNING;
//   - a materialization error fails the job (FAILED), as in Oozie;
//   - nothing at or after the job's pause time, and nothing in a paused
//     status; the end is the job's (which `change` may have moved).
//
// coordc evaluates this rule on every tick rather than every 300 s, so
// actions are created as soon as they are due, never later than Oozie would.
func (s *Scheduler) materialize(ctx context.Context, db roundDB, job state.Job, c *ir.Coordinator, now time.Time, nx *next) (state.Job, error) {
	if !materializationDue(job, now) {
		if at := job.NextMatdTime.Add(-Lookahead + time.Second); materializationDue(job, at) {
			nx.at(at) // not yet: due strictly after
		}
		return job, nil
	}
	from := job.NextMatdTime
	c = withEnd(c, job.End)
	pending, err := db.CountByStatus(ctx, job.ID, state.Waiting, state.Ready)
	if err != nil {
		return job, err
	}
	limit := job.Throttle - pending[state.Waiting] - pending[state.Ready]
	winEnd := from.Add(Window)
	if !winEnd.After(now) {
		switch {
		case job.Execution == state.LastOnly || job.Execution == state.None:
			winEnd, limit = now, BatchSize
		case isCron(c):
			winEnd = job.End
		default:
			if t := catchUpEnd(c, from, now, job.Throttle); t.After(winEnd) {
				winEnd = t
			}
		}
	}
	if winEnd.After(job.End) {
		winEnd = job.End
	}
	if !job.PauseTime.IsZero() && winEnd.After(job.PauseTime) {
		winEnd = job.PauseTime
	}
	if limit <= 0 {
		return job, nil // throttled: WAITING and READY actions must go first
	}
	m := state.Materialization{JobID: job.ID, ExpectLast: job.LastActionNumber, Running: job.Status == state.JobPrep}
	var encodeErr error
	done := true
	diags := schedule.Walk(c, schedule.Options{From: from, To: job.End, JobID: job.ID,
		ActualTime: func(time.Time) time.Time { return now }}, func(a *schedule.Action) bool {
		if len(m.Actions) >= limit || !a.Nominal.Before(winEnd) {
			m.NextMatdTime, done = a.Nominal, false
			return false
		}
		data, err := json.Marshal(a)
		if err != nil {
			encodeErr = err
			return false
		}
		m.Actions = append(m.Actions, state.NewAction{Number: a.Number, Nominal: a.Nominal, Timeout: job.Timeout, ActionJSON: string(data)})
		return true
	})
	if encodeErr != nil {
		return job, encodeErr
	}
	if diags.HasErrors() {
		if len(m.Actions) == 0 {
			return job, s.failJob(ctx, db, job, diags.Errs()[0].Error())
		}
		// The action after the stored ones failed: store these; the next
		// run starts at the failing one and fails the job then.
		last := m.Actions[len(m.Actions)-1].Nominal
		m.NextMatdTime, done = last.Add(time.Second), false
	}
	m.Done = done
	ok, err := db.Materialize(ctx, m)
	if err != nil || !ok {
		return job, err
	}
	s.log().Info("materialized", "job", job.ID, "actions", len(m.Actions), "done", done)
	if !done {
		nx.at(m.NextMatdTime.Add(-Lookahead + time.Second))
	}
	return db.GetJob(ctx, job.ID)
}

// materializationDue reports whether materialize runs for job at now: it
// has actions left, is not paused, and the next is before now + Lookahead
// and before the pause time (nothing at or after it until it moves).
func materializationDue(job state.Job, now time.Time) bool {
	from := job.NextMatdTime
	return !job.DoneMaterialization && !from.IsZero() && !job.Status.Paused() &&
		(job.PauseTime.IsZero() || from.Before(job.PauseTime)) && from.Before(now.Add(Lookahead))
}

// catchUpEnd is Oozie's catch-up window end: the nominal time i steps after
// from for the largest i ≤ throttle that is before now. The walk seeks to
// from, so its cost does not depend on how many actions came before.
func catchUpEnd(c *ir.Coordinator, from, now time.Time, throttle int) time.Time {
	var end time.Time
	schedule.Walk(c, schedule.Options{From: from, To: now, Count: throttle + 1}, func(a *schedule.Action) bool {
		end = a.Nominal
		return true
	})
	return end
}

// failJob moves a job to FAILED after a materialization error.
func (s *Scheduler) failJob(ctx context.Context, db roundDB, job state.Job, msg string) error {
	ok, err := db.TransitionJob(ctx, job.ID, []state.JobStatus{state.JobPrep, state.JobRunning, state.JobRunningWithError}, state.JobFailed, state.JobFields{})
	if ok {
		s.log().Error("job failed: materialization error", "job", job.ID, "error", msg)
	}
	return err
}
