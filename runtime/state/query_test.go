package state

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseActionFilter(t *testing.T) {
	for _, c := range []struct {
		in   string
		want ActionFilter
		err  bool
	}{
		{in: "", want: ActionFilter{}},
		{in: "status=FAILED;status=killed", want: ActionFilter{Statuses: []ActionStatus{Failed, Killed}}},
		{in: "Status!=SUCCEEDED", want: ActionFilter{NotStatuses: []ActionStatus{Succeeded}}},
		{in: "nominaltime>=2009-03-01T10:00Z;nominalTime<2009-03-01T12:00Z",
			want: ActionFilter{NominalFrom: t0.Add(2 * time.Hour), NominalTo: t0.Add(4*time.Hour - time.Second)}},
		{in: "nominaltime>2009-03-01T10:00Z;nominaltime<=2009-03-01T12:00Z",
			want: ActionFilter{NominalFrom: t0.Add(2*time.Hour + time.Second), NominalTo: t0.Add(4 * time.Hour)}},
		{in: "status=DONE", err: true},
		{in: "status>=FAILED", err: true},
		{in: "nominaltime=2009-03-01T10:00Z", err: true},
		{in: "nominaltime>=yesterday", err: true},
		{in: "user=joe", err: true},
		{in: "status", err: true},
	} {
		got, err := ParseActionFilter(c.in)
		if (err != nil) != c.err {
			t.Errorf("%q: error %v, want error %v", c.in, err, c.err)
			continue
		}
		if diff := cmp.Diff(c.want, got); !c.err && diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestJobStatusPage(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "paged", 10)
	for n, st := range map[int]ActionStatus{2: Failed, 3: Killed, 5: Failed, 8: Succeeded, 9: Failed} {
		force(t, s, ActionID(job, n), st)
	}
	numbers := func(jr JobReport) []int {
		out := []int{}
		for _, a := range jr.Actions {
			out = append(out, a.Number)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		f     ActionFilter
		want  []int
		total int
	}{
		{"all", ActionFilter{}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10},
		{"failed or killed", ActionFilter{Statuses: []ActionStatus{Failed, Killed}}, []int{2, 3, 5, 9}, 4},
		{"not waiting", ActionFilter{NotStatuses: []ActionStatus{Waiting}}, []int{2, 3, 5, 8, 9}, 5},
		{"failed from 04:00", ActionFilter{Statuses: []ActionStatus{Failed}, NominalFrom: t0.Add(4 * time.Hour)}, []int{5, 9}, 2},
		{"until 02:00", ActionFilter{NominalTo: t0.Add(2 * time.Hour)}, []int{1, 2, 3}, 3},
		{"page 2 of 3", ActionFilter{Offset: 4, Len: 3}, []int{4, 5, 6}, 10},
		{"offset only", ActionFilter{Offset: 9}, []int{9, 10}, 10},
		{"newest first", ActionFilter{Len: 3, Desc: true}, []int{10, 9, 8}, 10},
		{"failed newest first, second page", ActionFilter{Statuses: []ActionStatus{Failed}, Desc: true, Offset: 2, Len: 1}, []int{5}, 3},
		{"past the end", ActionFilter{Offset: 20, Len: 5}, []int{}, 10},
	} {
		jr, total, err := s.JobStatusPage(ctx, job, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, numbers(jr)); diff != "" || total != c.total {
			t.Errorf("%s: total %d (want %d) (-want +got):\n%s", c.name, total, c.total, diff)
		}
	}
	if _, _, err := s.JobStatusPage(ctx, "nope", ActionFilter{}); err == nil {
		t.Error("unknown job: no error")
	}
}

func TestJobFilter(t *testing.T) {
	jobs := []Job{
		{ID: "1-a-C", AppName: "a", User: "joe", Status: JobRunning},
		{ID: "2-b-C", AppName: "b", User: "ann", Status: JobKilled},
		{ID: "3-a-C", AppName: "a", User: "ann", Status: JobSucceeded},
	}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", []string{"1-a-C", "2-b-C", "3-a-C"}},
		{"name=a", []string{"1-a-C", "3-a-C"}},
		{"name=a;user=ann", []string{"3-a-C"}},
		{"status=RUNNING;status=killed", []string{"1-a-C", "2-b-C"}},
		{"id=2-b-C", []string{"2-b-C"}},
	} {
		f, err := ParseJobFilter(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		got := []string{}
		for _, j := range jobs {
			if f.Match(j) {
				got = append(got, j.ID)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.in, diff)
		}
	}
	for _, bad := range []string{"status=DONE", "group=x", "name", "name!=a"} {
		if _, err := ParseJobFilter(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
