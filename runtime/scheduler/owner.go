package scheduler

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// DefaultLease is how long the started actions of a scheduler whose
// heartbeat stopped stay its own (Scheduler.Lease).
const DefaultLease = 30 * time.Second

// processID is the default scheduler ID of this process,
// "<host>:<pid>:<start time in Unix nanoseconds>", made on first use.
var processID = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		h = "localhost"
	}
	return fmt.Sprintf("%s:%d:%d", h, os.Getpid(), processStart.UnixNano())
})

// processStart is when this process started, for the schedulers row.
var processStart = time.Now()

// id is the scheduler's ID in the state database.
func (s *Scheduler) id() string {
	if s.ID != "" {
		return s.ID
	}
	return processID()
}

func (s *Scheduler) lease() time.Duration {
	if s.Lease > 0 {
		return s.Lease
	}
	return DefaultLease
}

// deadHere reports whether scheduler owner ran on this host in a process
// that is gone (no process with its pid), so its actions need not wait for
// the lease: a restarted apply takes over at once. A pid reused since only
// delays the adoption until the lease ends.
func deadHere(owner, me string) bool {
	if hostOf(owner) != hostOf(me) {
		return false
	}
	parts := strings.Split(owner, ":")
	if len(parts) < 3 {
		return false
	}
	pid, err := strconv.Atoi(parts[len(parts)-2])
	if err != nil || pid <= 0 {
		return false
	}
	return syscall.Kill(pid, 0) == syscall.ESRCH
}

// hostOf is the host part of a scheduler ID.
func hostOf(id string) string {
	parts := strings.Split(id, ":")
	if len(parts) < 3 {
		return id
	}
	return strings.Join(parts[:len(parts)-2], ":")
}

// Heartbeat records in the state database that the scheduler is alive: its
// started actions stay its own for Lease. Tick calls it (at most once per
// beatInterval); a caller that sleeps longer than a third of the lease
// between ticks calls it too.
func (s *Scheduler) Heartbeat(ctx context.Context) error {
	now := s.clock().Now()
	if err := s.store().Heartbeat(ctx, s.id(), hostOf(s.id()), processStart); err != nil {
		return err
	}
	s.mu.Lock()
	s.beat = now
	s.mu.Unlock()
	return nil
}

// beatInterval is how often a ticking scheduler refreshes its heartbeat: a
// tenth of the lease. Under load ticks follow each other many times a
// second, and each heartbeat is a commit of its own.
func (s *Scheduler) beatInterval() time.Duration { return s.lease() / 10 }

// readHeartbeats refreshes the scheduler's heartbeat when it is older than
// beatInterval (or in the future: a clock set back) and reads everyone's,
// for the ownership decisions of one tick.
func (s *Scheduler) readHeartbeats(ctx context.Context, st *state.Store) error {
	now := s.clock().Now()
	s.mu.Lock()
	age := now.Sub(s.beat)
	s.mu.Unlock()
	if age >= s.beatInterval() || age < 0 {
		if err := s.Heartbeat(ctx); err != nil {
			return err
		}
	}
	if now.Sub(s.forgot) >= time.Hour {
		// the rows of schedulers gone for a day that own nothing
		if err := st.ForgetSchedulers(ctx, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		s.forgot = now
	}
	beats, err := st.Heartbeats(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.beats = beats
	s.mu.Unlock()
	return nil
}

// owns reports whether the scheduler may work on started action a: it owns
// it, or it adopted it now. An action is adopted when its owner's heartbeat
// is older than the lease (twice the lease for an owner on another host, so
// that a scheduler restarted on the owner's host, which can re-attach to
// the owner's local processes, comes first), when its owner ran on this
// host and its process is gone (a restarted apply), or when it has no
// owner (a database of an older coordc). Of several schedulers adopting one action,
// one wins (state.Store.Adopt). While a live owner keeps it, nx is set to
// when its lease would end.
func (s *Scheduler) owns(ctx context.Context, st *state.Store, a state.Action, now time.Time, nx *next) (bool, error) {
	me := s.id()
	if a.Owner == me {
		return true, nil
	}
	if a.Owner != "" {
		lease := s.lease()
		if hostOf(a.Owner) != hostOf(me) {
			lease *= 2
		}
		s.mu.Lock()
		beat, known := s.beats[a.Owner]
		s.mu.Unlock()
		if known && now.Sub(beat) < lease && !deadHere(a.Owner, me) {
			nx.at(beat.Add(lease))
			return false, nil
		}
	}
	ok, err := st.Adopt(ctx, a.ID, a.Owner, me)
	if ok && a.Owner != "" {
		s.log().Warn("action adopted from a silent scheduler", "action", a.ID, "status", a.Status, "from", a.Owner)
	}
	return ok, err
}

// remoteOwners reads the heartbeats and returns whether an action belongs
// to a live scheduler on another host: a runner call for it (kill) is left
// to that scheduler, which reaches the action's local processes
// (finishPendingKills).
func (s *Scheduler) remoteOwners(ctx context.Context, st *state.Store) (func(state.Action) bool, error) {
	beats, err := st.Heartbeats(ctx)
	if err != nil {
		return nil, err
	}
	now, me := s.clock().Now(), s.id()
	return func(a state.Action) bool {
		beat, known := beats[a.Owner]
		return a.Owner != "" && hostOf(a.Owner) != hostOf(me) && known && now.Sub(beat) < 2*s.lease()
	}, nil
}

// finishPendingKills makes the runner kills that operations on other hosts
// left to this scheduler.
func (s *Scheduler) finishPendingKills(ctx context.Context, st *state.Store) error {
	acts, err := st.PendingKills(ctx, s.id())
	if err != nil {
		return err
	}
	for _, a := range acts {
		s.finishPending(ctx, st, a)
	}
	return nil
}
