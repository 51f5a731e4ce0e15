package state

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/google/go-cmp/cmp"
)

func TestTablesMatchReference(t *testing.T) {
	data := corpus.ReadShared(t, "reference", "oozie", "oozie-coord-state-machine.json")
	var ref struct {
		ActionEnum  []ActionStatus                  `json:"coord_action_status_enum"`
		Actions     map[ActionStatus][]ActionStatus `json:"coord_action_transitions_spec"`
		Terminal    []ActionStatus                  `json:"coord_action_terminal"`
		WithFailure []ActionStatus                  `json:"coord_action_terminal_with_failure"`
		JobEnum     []JobStatus                     `json:"job_status_enum"`
		Jobs        map[JobStatus][]JobStatus       `json:"coord_job_transitions_spec"`
		Execution   []Execution                     `json:"execution_enum"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		want, got any
	}{
		{"action enum", ref.ActionEnum, ActionStatuses},
		{"action transitions", ref.Actions, ActionTransitions},
		{"job enum", ref.JobEnum, JobStatuses},
		{"job transitions", ref.Jobs, JobTransitions},
		{"terminal", ref.Terminal, filter(ActionStatuses, ActionStatus.Terminal)},
		{"terminal with failure", enumOrder(ref.WithFailure), filter(ActionStatuses, ActionStatus.TerminalWithFailure)},
		{"execution", ref.Execution, []Execution{FIFO, LIFO, LastOnly, None}},
	} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// enumOrder sorts statuses in enum order.
func enumOrder(list []ActionStatus) []ActionStatus {
	return filter(ActionStatuses, func(s ActionStatus) bool { return contains(list, s) })
}

func filter(all []ActionStatus, keep func(ActionStatus) bool) []ActionStatus {
	var out []ActionStatus
	for _, s := range all {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// TestEveryActionTransition drives every allowed action transition through
// the database: the guarded update moves the action from its status and
// does nothing from any other status; disallowed pairs are refused.
func TestEveryActionTransition(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "actions", 1)
	id := ActionID(job, 1)
	for _, from := range ActionStatuses {
		for _, to := range ActionStatuses {
			if from == to {
				continue
			}
			force(t, s, id, from)
			ok, err := s.TransitionAction(ctx, id, []ActionStatus{from}, to, Fields{ErrorMessage: Ptr(string(from) + ">" + string(to))})
			allowed := CanTransitionAction(from, to)
			if !allowed {
				if err == nil {
					t.Errorf("%s → %s: allowed, want refused", from, to)
				}
				continue
			}
			if err != nil || !ok {
				t.Errorf("%s → %s: ok=%v err=%v", from, to, ok, err)
				continue
			}
			a, err := s.GetAction(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if a.Status != to || a.ErrorMessage != string(from)+">"+string(to) {
				t.Errorf("%s → %s: stored %s %q", from, to, a.Status, a.ErrorMessage)
			}
			// The guard: the action is no longer in from, so the same
			// transition does nothing.
			if ok, err := s.TransitionAction(ctx, id, []ActionStatus{from}, to, Fields{}); ok || err != nil {
				t.Errorf("%s → %s repeated: ok=%v err=%v, want no change", from, to, ok, err)
			}
		}
	}
}

func TestEveryJobTransition(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.CreateJob(ctx, testJob("jobs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, from := range JobStatuses {
		for _, to := range JobStatuses {
			if from == to {
				continue
			}
			forceJob(t, s, id, from)
			ok, err := s.TransitionJob(ctx, id, []JobStatus{from}, to, JobFields{Pending: Ptr(true)})
			if !CanTransitionJob(from, to) {
				if err == nil {
					t.Errorf("%s → %s: allowed, want refused", from, to)
				}
				continue
			}
			if err != nil || !ok {
				t.Errorf("%s → %s: ok=%v err=%v", from, to, ok, err)
				continue
			}
			j, err := s.GetJob(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.Status != to || !j.Pending {
				t.Errorf("%s → %s: stored %s pending=%v", from, to, j.Status, j.Pending)
			}
			if ok, err := s.TransitionJob(ctx, id, []JobStatus{from}, to, JobFields{}); ok || err != nil {
				t.Errorf("%s → %s repeated: ok=%v err=%v, want no change", from, to, ok, err)
			}
		}
	}
}

func TestStatusPredicates(t *testing.T) {
	var rerun, suspended, terminal []string
	for _, s := range ActionStatuses {
		if s.Rerunnable() {
			rerun = append(rerun, string(s))
		}
	}
	for _, s := range JobStatuses {
		if s.Suspended() {
			suspended = append(suspended, string(s))
		}
		if s.Terminal() {
			terminal = append(terminal, string(s))
		}
	}
	for _, c := range []struct {
		name      string
		want, got []string
	}{
		{"rerunnable", []string{"TIMEDOUT", "SUCCEEDED", "KILLED", "FAILED", "IGNORED"}, rerun},
		{"suspended jobs", []string{"SUSPENDED", "PREPSUSPENDED", "SUSPENDEDWITHERROR"}, suspended},
		{"terminal jobs", []string{"SUCCEEDED", "KILLED", "FAILED", "DONEWITHERROR", "IGNORED"}, terminal},
	} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
	if StartOrder(FIFO) != OldestFirst || StartOrder(LIFO) != NewestFirst || StartOrder(LastOnly) != NewestFirst || StartOrder(None) != NewestFirst {
		t.Error("StartOrder: FIFO must be oldest first, the others newest first")
	}
}
