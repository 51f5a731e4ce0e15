package sla

import (
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// failed reports whether a status is an unsuccessful end: of a
// coordinator action (FAILED, KILLED, TIMEDOUT), a workflow job (FAILED,
// KILLED) or a workflow action (ERROR, FAILED, KILLED).
func failed(status string) bool {
	switch state.ActionStatus(status) {
	case state.Failed, state.Killed, state.TimedOut, "ERROR":
		return true
	}
	return false
}

// Evaluate decides what of s can be decided at now: it returns s with the
// decided criteria, event status, sla status and actual duration updated,
// and the new events in order (start, duration, end).
func Evaluate(s state.SLA, now time.Time) (state.SLA, []Event) {
	started, ended := !s.ActualStart.IsZero(), !s.ActualEnd.IsZero()
	var evs []Event
	decide := func(bit int, e Event) {
		s.EventProcessed |= bit
		if e != "" {
			evs = append(evs, e)
		}
	}
	if s.EventProcessed&state.SLAStartDone == 0 {
		switch {
		case s.ExpectedStart.IsZero():
			decide(state.SLAStartDone, "")
		case started && !s.ActualStart.After(s.ExpectedStart):
			decide(state.SLAStartDone, StartMet)
		case started || ended || now.After(s.ExpectedStart):
			decide(state.SLAStartDone, StartMiss)
		}
	}
	if s.EventProcessed&state.SLADurationDone == 0 {
		limit := time.Duration(s.ExpectedDuration) * time.Millisecond
		switch {
		case s.ExpectedDuration < 0:
			decide(state.SLADurationDone, "")
		case ended && started && s.ActualEnd.Sub(s.ActualStart) <= limit:
			decide(state.SLADurationDone, DurationMet)
		case ended:
			decide(state.SLADurationDone, DurationMiss)
		case started && now.Sub(s.ActualStart) > limit:
			decide(state.SLADurationDone, DurationMiss)
		}
	}
	if s.EventProcessed&state.SLAEndDone == 0 {
		switch {
		case s.ExpectedEnd.IsZero():
			if ended {
				decide(state.SLAEndDone, "")
			}
		case ended && !failed(s.JobStatus) && !s.ActualEnd.After(s.ExpectedEnd):
			decide(state.SLAEndDone, EndMet)
		case ended || now.After(s.ExpectedEnd):
			decide(state.SLAEndDone, EndMiss)
		}
	}
	if started && ended {
		s.ActualDuration = s.ActualEnd.Sub(s.ActualStart).Milliseconds()
	}
	if len(evs) > 0 {
		all := []string{}
		if s.EventStatus != "" {
			all = strings.Split(s.EventStatus, ",")
		}
		for _, e := range evs {
			all = append(all, string(e))
		}
		s.EventStatus = strings.Join(all, ",")
	}
	s.Status = slaStatus(s, started, ended)
	return s, evs
}

// slaStatus is Oozie's sla_status: MET or MISS by the end criterion (MISS
// also for an unsuccessful end), IN_PROCESS once started, NOT_STARTED
// before.
func slaStatus(s state.SLA, started, ended bool) state.SLAStatus {
	events := "," + s.EventStatus + ","
	switch {
	case strings.Contains(events, ","+string(EndMiss)+","):
		return state.SLAMiss
	case strings.Contains(events, ","+string(EndMet)+","):
		return state.SLAMet
	case ended && failed(s.JobStatus):
		return state.SLAMiss
	case ended:
		return state.SLAMet
	case started:
		return state.SLAInProcess
	}
	return state.SLANotStarted
}

// NextDeadline is the earliest time after now at which s can change without
// its action changing: just after an undecided expected start, expected end
// or duration limit; the zero time when none is pending.
func NextDeadline(s state.SLA) time.Time {
	var t time.Time
	at := func(d time.Time) {
		d = d.Add(time.Second) // decided when now is after the deadline
		if t.IsZero() || d.Before(t) {
			t = d
		}
	}
	if s.EventProcessed&state.SLAStartDone == 0 && !s.ExpectedStart.IsZero() {
		at(s.ExpectedStart)
	}
	if s.EventProcessed&state.SLADurationDone == 0 && s.ExpectedDuration >= 0 && !s.ActualStart.IsZero() {
		at(s.ActualStart.Add(time.Duration(s.ExpectedDuration) * time.Millisecond))
	}
	if s.EventProcessed&state.SLAEndDone == 0 && !s.ExpectedEnd.IsZero() {
		at(s.ExpectedEnd)
	}
	return t
}
