package state

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStatusReport(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "daily-logs", 2)
	other, _ := s.CreateJob(ctx, testJob("other"))
	force(t, s, ActionID(job, 1), Running)
	if _, err := s.TransitionAction(ctx, ActionID(job, 1), []ActionStatus{Running}, Failed,
		Fields{ExternalID: Ptr("wf-1"), ErrorMessage: Ptr("exit 1")}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Status(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(rep)
	want := `{"jobs":[{"id":"` + job + `","name":"daily-logs","status":"RUNNING","actions":[` +
		`{"number":1,"nominal_time":"2009-03-01T08:00:00Z","status":"FAILED","external_id":"wf-1","error_message":"exit 1"},` +
		`{"number":2,"nominal_time":"2009-03-01T09:00:00Z","status":"WAITING","external_id":"","error_message":""}]},` +
		`{"id":"` + other + `","name":"other","status":"PREP","actions":[]}]}`
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("status JSON (-want +got):\n%s", diff)
	}
	one, err := s.Status(ctx, other)
	if err != nil || len(one.Jobs) != 1 || one.Jobs[0].ID != other {
		t.Errorf("Status(%s) = %+v, %v", other, one, err)
	}
	if _, err := s.Status(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Status(unknown) = %v, want ErrNotFound", err)
	}
}

func TestTxRollsBack(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "tx", 1)
	boom := errors.New("boom")
	err := s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.TransitionAction(ctx, ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}); err != nil {
			return err
		}
		if !tx.Now().Equal(t0) {
			t.Errorf("tx.Now = %v", tx.Now())
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx = %v", err)
	}
	a, _ := s.GetAction(ctx, ActionID(job, 1))
	if a.Status != Waiting {
		t.Errorf("status after rollback = %s, want WAITING", a.Status)
	}
}

func TestStoredTimeErrors(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "bad", 1)
	if _, err := s.DB().Exec(`UPDATE coord_actions SET nominal_time = 'yesterday'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAction(ctx, ActionID(job, 1)); err == nil || !strings.Contains(err.Error(), `"yesterday"`) {
		t.Errorf("GetAction = %v, want a time format error", err)
	}
}
