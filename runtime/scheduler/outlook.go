package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// Outlook says whether jobs can still make progress on their own, without
// anything outside changing (an input appearing, an operation such as
// resume or change): `apply --until-done` returns when they cannot.
type Outlook struct {
	// Stuck: no unfinished job can make progress on its own; they wait
	// only for what Waits lists (never set when every job is finished).
	Stuck bool
	// Waits lists what the unfinished jobs wait for, job by job: the
	// actions waiting for inputs and the suspended or paused jobs.
	Waits []Wait
}

// Wait is one thing a job waits for.
type Wait struct {
	JobID string
	// Action is the action number (0 for the job itself).
	Action int
	// For says what: the missing input, or the job status that holds it.
	For string
	// Until is when the action times out (zero: never, or not an action).
	Until time.Time
	// Beyond: the wait outlasts the wait limit, so it does not count as
	// progress.
	Beyond bool
}

func (w Wait) String() string {
	what := "job " + w.JobID
	if w.Action > 0 {
		what = fmt.Sprintf("action %s", state.ActionID(w.JobID, w.Action))
	}
	until := "never times out"
	if !w.Until.IsZero() {
		until = "times out at " + state.FormatTime(w.Until)
	}
	if w.Action == 0 {
		until = "until an operation changes it"
	}
	return fmt.Sprintf("%s waits for %s (%s)", what, w.For, until)
}

// Outlook looks at jobs ids at the scheduler's clock. An action waiting for
// inputs counts as progress while its timeout is at most waitLimit (0: the
// longest finite timeout among the waiting actions, so only the actions
// that never time out are not waited for). Running, submitted and ready
// actions, and materialization still to come, are progress; suspended jobs
// and paused jobs without active actions are not.
func (s *Scheduler) Outlook(ctx context.Context, ids []string, waitLimit time.Duration) (Outlook, error) {
	st := s.store()
	now := s.clock().Now()
	var o Outlook
	progress := false
	var waiting []state.Action
	for _, id := range ids {
		job, err := st.GetJob(ctx, id)
		if err != nil {
			return o, err
		}
		if job.Status.Terminal() && job.Status != state.JobFailed {
			continue
		}
		counts, err := st.CountByStatus(ctx, id, state.Submitted, state.Running, state.Ready, state.Suspended)
		if err != nil {
			return o, err
		}
		busy := counts[state.Submitted]+counts[state.Running] > 0 || (counts[state.Ready] > 0 && job.Concurrency != 0)
		switch {
		case job.Status.Suspended():
			o.Waits = append(o.Waits, Wait{JobID: id, For: "resume (it is " + string(job.Status) + ")"})
			continue
		case busy:
			progress = true
			continue
		case job.Status == state.JobFailed:
			continue
		case job.Status.Paused():
			o.Waits = append(o.Waits, Wait{JobID: id, For: "a later pause time (it is " + string(job.Status) + " since " + state.FormatTime(job.PauseTime) + ")"})
		case !job.DoneMaterialization:
			progress = true // more actions are due as time goes on
			continue
		}
		acts, err := st.ActionsByStatus(ctx, id, []state.ActionStatus{state.Waiting}, state.OldestFirst, 0)
		if err != nil {
			return o, err
		}
		waiting = append(waiting, acts...)
	}
	limit := waitLimit
	if limit <= 0 {
		for _, a := range waiting {
			if d := time.Duration(a.Timeout) * time.Minute; a.Timeout >= 0 && d > limit {
				limit = d
			}
		}
	}
	for _, a := range waiting {
		if a.Nominal.After(now) {
			progress = true // not checked before its nominal time
			continue
		}
		w := Wait{JobID: a.JobID, Action: a.Number, For: "its inputs"}
		if a.MissingDependencies != "" {
			w.For = a.MissingDependencies
		}
		if a.Timeout >= 0 {
			w.Until = later(a.Nominal, a.Created).Add(time.Duration(a.Timeout+1) * time.Minute)
		}
		w.Beyond = a.Timeout < 0 || time.Duration(a.Timeout)*time.Minute > limit
		progress = progress || !w.Beyond
		o.Waits = append(o.Waits, w)
	}
	// Nothing waited for means every job is finished (perhaps just now, by
	// another process): that is done, not stuck.
	o.Stuck = !progress && len(o.Waits) > 0
	return o, nil
}
