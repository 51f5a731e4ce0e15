package workflow

import (
	"context"
	"sync"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// planWorkers is how many goroutines plan the requests of a StartAll: its
// files are created beside each other.
const planWorkers = 2

// StartAll implements runner.BatchStarter: it starts the jobs of reqs as
// Start does, but in one transaction: the jobs are planned first
// (concurrently: definitions, snapshots, directories), then created and
// their first shell actions forked and recorded in the transaction, and
// those launches run once it is committed. So a batch costs one durable
// commit instead of one per job, and the crash contract is Start's: a
// handle is committed before its command may start, and a crash before
// the commit leaves no job and wrappers that exit unstarted. When the
// shared transaction fails, its requests are started again one by one
// with Start, so that an error stays its own request's.
func (e *Engine) StartAll(ctx context.Context, reqs []runner.Request) ([]string, []error) {
	ids, errs := make([]string, len(reqs)), make([]error, len(reqs))
	plans := e.planAll(ctx, reqs, errs)
	var todo []int
	for i, p := range plans {
		switch {
		case errs[i] != nil:
		case p.exists:
			ids[i] = p.id
		default:
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return ids, errs
	}
	if err := e.createAll(ctx, plans, todo); err != nil {
		for _, i := range todo {
			ids[i], errs[i] = e.Start(ctx, reqs[i])
		}
		return ids, errs
	}
	for _, i := range todo {
		ids[i] = plans[i].id
	}
	return ids, errs
}

// planAll plans reqs with planWorkers goroutines; a request's error goes
// to errs.
func (e *Engine) planAll(ctx context.Context, reqs []runner.Request, errs []error) []*startPlan {
	plans := make([]*startPlan, len(reqs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(planWorkers, len(reqs)) {
		wg.Go(func() {
			for i := range next {
				plans[i], errs[i] = e.plan(ctx, reqs[i])
			}
		})
	}
	for i := range reqs {
		next <- i
	}
	close(next)
	wg.Wait()
	return plans
}

// createAll creates the planned jobs todo in one transaction and runs
// their launches once it is committed; on an error nothing is created and
// every launch forked is aborted.
func (e *Engine) createAll(ctx context.Context, plans []*startPlan, todo []int) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	var launches []*launch.Pending
	abort := func() {
		for _, l := range launches {
			l.Abort()
		}
	}
	for _, i := range todo {
		l, err := e.create(ctx, tx, plans[i])
		if err != nil {
			tx.Rollback()
			abort()
			return err
		}
		if l != nil {
			launches = append(launches, l)
		}
	}
	if err := tx.Commit(); err != nil {
		abort()
		return err
	}
	for _, l := range launches {
		l.Run() // a failure is a launch that never started: Check launches again
	}
	return nil
}
