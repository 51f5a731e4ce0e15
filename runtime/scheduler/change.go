package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// Oozie's error codes of the job operations (ErrorCode.java; the catalog
// is compiler/diag).
const (
	E1015 = diag.E1015
	E1016 = diag.E1016
	E1022 = diag.E1022
)

// CommandError is an operation Oozie refuses with an error code. It wraps
// ErrNotEligible.
type CommandError struct {
	Code diag.Code
	Msg  string
}

func (e *CommandError) Error() string { return string(e.Code) + ": " + e.Msg }

// Unwrap makes errors.Is(err, ErrNotEligible) true.
func (e *CommandError) Unwrap() error { return ErrNotEligible }

func invalidChange(value, why string) error {
	return &CommandError{Code: E1015, Msg: fmt.Sprintf("Invalid coordinator job change value [%s], %s", value, why)}
}

// Change is Oozie's -change of a coordinator job: the values to set; nil
// fields are left alone.
type Change struct {
	End         *time.Time
	Concurrency *int
	// PauseTime: the zero time resets the pause time (Oozie's pausetime=).
	PauseTime *time.Time
	// Revive is Oozie's status=RUNNING: a FAILED, KILLED or IGNORED job
	// runs again (its actions are left as they are). It goes alone.
	Revive bool
}

// ParseChange reads Oozie's -value string, name=value pairs separated by
// ';' with the names endtime, concurrency, pausetime (each at most once; an
// empty pausetime resets it) and status (only RUNNING, and alone). Errors
// are E1015.
func ParseChange(value string) (Change, error) {
	var ch Change
	seen := map[string]bool{}
	for _, pair := range strings.Split(value, ";") {
		name, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return Change{}, invalidChange(value, fmt.Sprintf("%q is not name=value", pair))
		}
		if seen[name] {
			return Change{}, invalidChange(value, "repeated value name "+name)
		}
		seen[name] = true
		var err error
		switch name {
		case "endtime":
			ch.End, err = changeTime(name, val, false)
		case "pausetime":
			ch.PauseTime, err = changeTime(name, val, true)
		case "concurrency":
			n, convErr := strconv.Atoi(strings.TrimSpace(val))
			if convErr != nil {
				err = invalidChange(name+"="+val, "concurrency must be an integer")
			}
			ch.Concurrency = &n
		case "status":
			if strings.TrimSpace(val) != string(state.JobRunning) {
				err = invalidChange(name+"="+val, "status can only be changed to RUNNING")
			}
			ch.Revive = true
		default:
			err = invalidChange(value, "unknown value name "+name+" (endtime, concurrency, pausetime or status)")
		}
		if err != nil {
			return Change{}, err
		}
	}
	if ch.Revive && len(seen) > 1 {
		return Change{}, invalidChange(value, "status cannot be changed together with other values")
	}
	return ch, nil
}

// changeTime parses an end or pause time in Oozie's UTC form; an empty
// pause time is the zero time.
func changeTime(name, val string, emptyOK bool) (*time.Time, error) {
	val = strings.Trim(strings.TrimSpace(val), `"`)
	if val == "" && emptyOK {
		return &time.Time{}, nil
	}
	t, err := oozietime.ParseDateTime(val)
	if err != nil {
		return nil, invalidChange(name+"="+val, "not a UTC time yyyy-MM-ddTHH:mmZ")
	}
	return &t, nil
}

// Change applies ch to a coordinator job as Oozie's -change does:
//   - status=RUNNING (Revive) revives a FAILED, KILLED or IGNORED job;
//   - a KILLED job cannot be changed (E1016), nor an IGNORED one (E1015);
//   - a pause time must not be in the past (E1015); the empty pause time
//     resets it;
//   - an end time before the start is refused (E1015) unless the job
//     materialized nothing, which then becomes SUCCEEDED;
//   - materialized actions at or after the new end or pause time are
//     revoked (deleted) when all of them are WAITING or READY and never
//     ran; otherwise nothing changes (E1022 naming the first other one);
//   - a finished job whose end moves so that actions are left to
//     materialize runs again (SUCCEEDED → RUNNING, DONEWITHERROR →
//     RUNNINGWITHERROR).
//
// The pause statuses follow at once (see pauseTransit), and on every tick.
// A bundle job ID changes the bundle and each of its coordinator jobs
// (changeBundle).
func (s *Scheduler) Change(ctx context.Context, jobID string, ch Change) error {
	if state.IsBundleID(jobID) {
		return s.changeBundle(ctx, jobID, ch)
	}
	if ch.Revive {
		if ch.End != nil || ch.Concurrency != nil || ch.PauseTime != nil {
			return invalidChange("status=RUNNING", "status cannot be changed together with other values")
		}
		return s.revive(ctx, jobID)
	}
	if ch.End == nil && ch.Concurrency == nil && ch.PauseTime == nil {
		return invalidChange("", "give at least one of endtime, concurrency, pausetime, status")
	}
	st := s.store()
	now := s.clock().Now()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	switch job.Status {
	case state.JobKilled:
		return &CommandError{Code: E1016, Msg: "Cannot change a killed coordinator job " + jobID}
	case state.JobIgnored:
		return invalidChange(jobID, "the endtime, concurrency and pausetime of an IGNORED job cannot be changed")
	}
	if ch.PauseTime != nil && !ch.PauseTime.IsZero() && ch.PauseTime.Before(now) {
		return invalidChange("pausetime="+oozietime.FormatDateTime(*ch.PauseTime), "must be a non-past time")
	}
	endBeforeStart := false
	if ch.End != nil && ch.End.Before(job.Start) {
		if job.LastActionNumber > 0 {
			return invalidChange("endtime="+oozietime.FormatDateTime(*ch.End),
				"cannot be before coordinator job's start time ["+oozietime.FormatDateTime(job.Start)+"]")
		}
		endBeforeStart = true
	}
	var c *ir.Coordinator
	if ch.End != nil && ch.End.After(job.End) && !endBeforeStart {
		if c, err = s.coordinator(ctx, job); err != nil {
			return err
		}
	}
	var to state.JobStatus
	err = st.Tx(ctx, func(tx *state.Tx) error {
		cur, err := tx.GetJob(ctx, jobID)
		if err != nil {
			return err
		}
		if cur.LastActionNumber != job.LastActionNumber || cur.Status != job.Status {
			return fmt.Errorf("job %s changed meanwhile; try again", jobID)
		}
		jc := state.JobChange{End: ch.End, Concurrency: ch.Concurrency, PauseTime: ch.PauseTime}
		last, next := cur.LastActionNumber, cur.NextMatdTime
		if cut, ok := revokeFrom(ch); ok {
			acts, err := tx.ActionsFrom(ctx, jobID, cut)
			if err != nil {
				return err
			}
			for _, a := range acts {
				if (a.Status != state.Waiting && a.Status != state.Ready) || a.Run > 0 {
					return &CommandError{Code: E1022, Msg: fmt.Sprintf("Cannot delete running/completed coordinator action: [%s] (%s, after the new %s)", a.ID, a.Status, cutName(ch, cut))}
				}
			}
			if len(acts) > 0 {
				if _, err := tx.RevokeActions(ctx, jobID, acts[0].Number); err != nil {
					return err
				}
				s.log().Info("actions revoked", "job", jobID, "from", acts[0].Number, "count", len(acts))
				last, next = acts[0].Number-1, acts[0].Nominal
			}
		}
		end := cur.End
		if ch.End != nil {
			end = *ch.End
		}
		if c != nil && next.IsZero() {
			if next, err = nextNominal(ctx, tx, withEnd(c, end), cur, last); err != nil {
				return err
			}
		}
		done := next.IsZero() || !next.Before(end)
		if done {
			next = time.Time{}
		}
		jc.LastActionNumber, jc.NextMatdTime, jc.DoneMaterialization = &last, &next, &done
		ok, err := tx.ChangeJob(ctx, jobID, cur.LastActionNumber, jc)
		if err != nil || !ok {
			return errors.Join(err, errIf(!ok, "job %s changed meanwhile; try again", jobID))
		}
		switch {
		case endBeforeStart && cur.Status == state.JobPrep:
			to = state.JobSucceeded
		case !done && cur.Status == state.JobSucceeded:
			to = state.JobRunning
		case !done && cur.Status == state.JobDoneWithError:
			to = state.JobRunningWithError
		}
		if to != "" {
			_, err = tx.TransitionJob(ctx, jobID, []state.JobStatus{cur.Status}, to, state.JobFields{})
		}
		return err
	})
	if err != nil {
		return err
	}
	s.log().Info("job changed", "job", jobID)
	if to != "" {
		s.log().Info("job "+string(to), "job", jobID, "from", job.Status)
	}
	if err := s.pauseTransit(ctx, st, jobID, now); err != nil {
		return err
	}
	return s.transit(ctx, st, jobID)
}

func errIf(cond bool, format string, args ...any) error {
	if !cond {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// revive is Oozie's -change status=RUNNING: a FAILED, KILLED or IGNORED
// job becomes RUNNING and materializes again; its actions are left as they
// are (rerun them to run them again). The status transit then adds
// WITHERROR, or finishes the job again when nothing is left.
func (s *Scheduler) revive(ctx context.Context, jobID string) error {
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	switch job.Status {
	case state.JobFailed, state.JobKilled, state.JobIgnored:
	default:
		return invalidChange("status=RUNNING", "only a FAILED, KILLED or IGNORED job can be changed to RUNNING, not a "+string(job.Status)+" one")
	}
	ok, err := st.TransitionJob(ctx, jobID, []state.JobStatus{job.Status}, state.JobRunning, state.JobFields{})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("job %s changed status meanwhile; try again", jobID)
	}
	s.log().Info("job RUNNING", "job", jobID, "from", job.Status)
	return s.transit(ctx, st, jobID)
}

// revokeFrom is the nominal time from which materialized actions are
// revoked: the earlier of the new end and the new (non-empty) pause time.
func revokeFrom(ch Change) (time.Time, bool) {
	var cut time.Time
	if ch.End != nil {
		cut = *ch.End
	}
	if ch.PauseTime != nil && !ch.PauseTime.IsZero() && (cut.IsZero() || ch.PauseTime.Before(cut)) {
		cut = *ch.PauseTime
	}
	return cut, !cut.IsZero()
}

func cutName(ch Change, cut time.Time) string {
	if ch.PauseTime != nil && ch.PauseTime.Equal(cut) {
		return "pause time"
	}
	return "end time"
}

// withEnd is c with its end moved to end (a changed end time); c itself is
// shared and left alone.
func withEnd(c *ir.Coordinator, end time.Time) *ir.Coordinator {
	if c.End.Time.Equal(end) {
		return c
	}
	cc := *c
	cc.End.Time = end
	return &cc
}

// nextNominal is the nominal time of the action after number last of job
// under c (zero when there is none before c's end).
func nextNominal(ctx context.Context, tx *state.Tx, c *ir.Coordinator, job state.Job, last int) (time.Time, error) {
	from := job.Start
	if last > 0 {
		acts, err := tx.ActionsByNumber(ctx, job.ID, []int{last})
		if err != nil {
			return time.Time{}, err
		}
		if len(acts) == 1 {
			from = acts[0].Nominal.Add(time.Second)
		}
	}
	var next time.Time
	diags := schedule.Walk(c, schedule.Options{From: from, Count: 1}, func(a *schedule.Action) bool {
		next = a.Nominal
		return false
	})
	if diags.HasErrors() && next.IsZero() {
		return time.Time{}, fmt.Errorf("job %s: %v", job.ID, diags.Errs()[0])
	}
	return next, nil
}

// pauseTransit is Oozie's PauseTransitService for one job: when its pause
// time has come, PREP → PREPPAUSED, RUNNING → PAUSED and RUNNINGWITHERROR
// → PAUSEDWITHERROR; when the pause time is reset or later than now, back.
// A paused job materializes nothing; its materialized actions go on.
func (s *Scheduler) pauseTransit(ctx context.Context, st *state.Store, jobID string, now time.Time) error {
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	to, ok := pauseStatus(job.Status, job.PauseTime, now)
	if !ok {
		return nil
	}
	moved, err := st.TransitionJob(ctx, jobID, []state.JobStatus{job.Status}, to, state.JobFields{})
	if moved {
		s.log().Info("job "+string(to), "job", jobID, "from", job.Status, "pause_time", job.PauseTime)
	}
	return err
}

// pauseStatus is the status a job in cur moves to for its pause time at
// now (ok false: it stays).
func pauseStatus(cur state.JobStatus, pause, now time.Time) (state.JobStatus, bool) {
	paused := !pause.IsZero() && !pause.After(now)
	var m map[state.JobStatus]state.JobStatus
	if paused {
		m = map[state.JobStatus]state.JobStatus{state.JobPrep: state.JobPrepPaused, state.JobRunning: state.JobPaused,
			state.JobRunningWithError: state.JobPausedWithError}
	} else {
		m = map[state.JobStatus]state.JobStatus{state.JobPrepPaused: state.JobPrep, state.JobPaused: state.JobRunning,
			state.JobPausedWithError: state.JobRunningWithError}
	}
	to, ok := m[cur]
	return to, ok
}
