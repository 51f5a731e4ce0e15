package scheduler

import (
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// TestEventDriven: an EventDriven scheduler checks a running action when it
// is woken or its poll interval has passed, not on every tick; without
// EventDriven every tick checks it.
func TestEventDriven(t *testing.T) {
	for _, eventDriven := range []bool{false, true} {
		e := newEnv(t)
		e.s.EventDriven, e.s.PollInterval = eventDriven, time.Minute
		job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(time.Minute), NoInput: true})
		e.tick()
		e.tick() // the first check after the start: RUNNING
		a := e.action(job, 1)
		if a.Status != state.Running {
			t.Fatalf("event-driven %v: action %s, want RUNNING", eventDriven, a.Status)
		}
		e.runner.finish(runner.Succeeded, a.ID)
		next := e.tick()
		if got, want := e.action(job, 1).Status, state.Succeeded; eventDriven == (got == want) {
			t.Errorf("event-driven %v: a tick without a wake left the action %s", eventDriven, got)
		}
		if !eventDriven {
			continue
		}
		if want := now.Add(time.Minute); !next.Equal(want) {
			t.Errorf("next tick %v, want the poll interval's end %v", next, want)
		}
		e.s.Woken(a.ExternalID)
		e.tick()
		if got := e.action(job, 1).Status; got != state.Succeeded {
			t.Errorf("after Woken: action %s, want SUCCEEDED", got)
		}
	}
}

// TestEventDrivenPollsUnwoken: an action that no wake reports (one
// re-attached after a restart, an external state) is still checked once
// the poll interval has passed.
func TestEventDrivenPollsUnwoken(t *testing.T) {
	e := newEnv(t)
	e.s.EventDriven, e.s.PollInterval = true, time.Minute
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(time.Minute), NoInput: true})
	e.tick()
	e.tick()
	a := e.action(job, 1)
	e.runner.finish(runner.Succeeded, a.ID)
	e.clock.Advance(time.Minute)
	e.tick()
	if got := e.action(job, 1).Status; got != state.Succeeded {
		t.Errorf("after the poll interval: action %s, want SUCCEEDED", got)
	}
	if at, ok := e.s.checkAt[a.ID]; ok {
		t.Errorf("check time %v kept for the finished action", at)
	}
}

// TestEventDrivenStartedWaitsForWake: an action an EventDriven scheduler
// started afresh is not checked at the next tick (its Runner wakes it
// when it has news), but once woken or its poll interval after the start
// has passed; the ticks in between check nothing.
func TestEventDrivenStartedWaitsForWake(t *testing.T) {
	for _, wake := range []bool{true, false} {
		e := newEnv(t)
		e.s.EventDriven, e.s.PollInterval = true, time.Minute
		job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now, NoInput: true})
		e.tick() // materializes and starts the action
		a := e.action(job, 1)
		if a.Status != state.Running {
			t.Fatalf("action %s, want RUNNING", a.Status)
		}
		e.runner.finish(runner.Succeeded, a.ID)
		e.tick()
		if got := e.action(job, 1).Status; got != state.Running {
			t.Fatalf("wake %v: the tick after the start checked the action: %s", wake, got)
		}
		if wake {
			e.s.Woken(a.ExternalID)
		} else {
			e.clock.Advance(time.Minute)
		}
		e.tick()
		if got := e.action(job, 1).Status; got != state.Succeeded {
			t.Errorf("wake %v: action %s, want SUCCEEDED", wake, got)
		}
	}
}

// TestWakesForgotten: a wake that no check takes (a sub-workflow's child
// job, which no coordinator action runs) is dropped after two poll
// intervals, so a long-running server does not keep them all; a wake of
// a running action is taken by the next tick.
func TestWakesForgotten(t *testing.T) {
	e := newEnv(t)
	e.s.EventDriven, e.s.PollInterval = true, time.Minute
	e.s.Woken("0000001-child-W")
	e.tick()
	e.clock.Advance(2 * time.Minute)
	e.tick()
	if _, ok := e.s.woken["0000001-child-W"]; !ok {
		t.Fatal("a wake was dropped before two poll intervals had passed")
	}
	e.clock.Advance(time.Second)
	e.tick()
	if _, ok := e.s.woken["0000001-child-W"]; ok {
		t.Error("a wake no check took is kept after two poll intervals")
	}
}
