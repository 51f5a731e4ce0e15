package scheduler

import (
	"context"

	"github.com/coordc/coordc/runtime/state"
)

// checkSLA runs the SLA service (package runtime/sla) for one job after its
// tick: new actions' <sla:info> registered, missed and met deadlines
// recorded with their events; the next deadline bounds the next tick.
func (s *Scheduler) checkSLA(ctx context.Context, st *state.Store, job state.Job, nx *next) error {
	c, err := s.coordinator(ctx, job)
	if err != nil || c.SLA == nil {
		return err
	}
	s.SLA.Logger = s.Logger
	t, err := s.SLA.Check(ctx, st, job, c, s.clock().Now())
	nx.at(t)
	return err
}
