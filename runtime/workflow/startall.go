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
// (concurrently: definitions, snapshots, directories), then created, their
// first shell actions forked beside the transaction and recorded in it,
// and those launches run once it is committed. So a batch costs one durable
// commit instead of one per job, and the crash contract is Start's: a
// handle is committed before its command may start, and a crash before
// the commit leaves no job and launches recorded unstarted. When the
// shared transaction fails before then ran in it, its requests are
// started again one by one with Start, so that an error stays its own
// request's, and then runs in a transaction of its own after them (as it
// does when no job is to be created).
func (e *Engine) StartAll(ctx context.Context, reqs []runner.Request, then runner.StartThen) ([]string, []error, error) {
	ids, errs := make([]string, len(reqs)), make([]error, len(reqs))
	plans := e.planAll(ctx, reqs, errs)
	var todo []int
	for i, p := range plans {
		switch {
		case errs[i] != nil:
		case p.exists:
			ids[i] = p.id
			e.wake(p.id) // in whatever state a crash left it
		default:
			todo = append(todo, i)
		}
	}
	thenIn := func(tx runner.Tx) error {
		if then == nil {
			return nil
		}
		return then(ctx, tx, ids, errs)
	}
	if len(todo) > 0 {
		ran := false // then, in the shared transaction
		err := e.createAll(ctx, plans, todo, func(tx runner.Tx) error {
			for _, i := range todo {
				ids[i] = plans[i].id
			}
			ran = then != nil
			return thenIn(tx)
		})
		switch {
		case err == nil:
			return ids, errs, nil
		case ran:
			return nil, nil, err
		}
		// Start wakes the jobs it leaves work for Check in.
		for _, i := range todo {
			ids[i], errs[i] = e.Start(ctx, reqs[i])
		}
	}
	if then != nil {
		if err := e.inSharedTx(ctx, thenIn); err != nil {
			return nil, nil, err
		}
	}
	return ids, errs, nil
}

// planAll plans reqs with planWorkers goroutines; a request's error goes
// to errs. Which of their jobs exist already is read with one statement
// (else by each plan).
func (e *Engine) planAll(ctx context.Context, reqs []runner.Request, errs []error) []*startPlan {
	plans := make([]*startPlan, len(reqs))
	ids := make([]string, len(reqs))
	for i, req := range reqs {
		ids[i] = JobID(req.ActionID, req.Run)
	}
	exist, err := existingJobs(ctx, e.db, ids)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(planWorkers, len(reqs)) {
		wg.Go(func() {
			for i := range next {
				switch {
				case err != nil:
					plans[i], errs[i] = e.plan(ctx, reqs[i])
				case exist[ids[i]]:
					plans[i] = &startPlan{id: ids[i], exists: true}
				default:
					plans[i] = &startPlan{id: ids[i]}
					errs[i] = e.planNew(ctx, reqs[i], plans[i])
				}
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

// createAll creates the planned jobs todo in one transaction, runs then
// in it, and runs their launches once it is committed; on an error nothing
// is created and every launch prepared is aborted. A job left with work
// for Check (no launch, or one that could not run) is woken (Engine.Wake);
// the others wake when their command ends.
func (e *Engine) createAll(ctx context.Context, plans []*startPlan, todo []int, then func(tx runner.Tx) error) error {
	launches := make([]*launch.Pending, len(plans))
	err := e.inSharedTx(ctx, func(tx runner.Tx) error {
		for _, i := range todo {
			var err error
			if launches[i], err = e.create(ctx, tx.Tx, plans[i]); err != nil {
				return err
			}
		}
		return then(tx)
	})
	if err != nil {
		for _, l := range launches {
			if l != nil {
				l.Abort()
			}
		}
		return err
	}
	for _, i := range todo {
		// A launch that fails to run never started: Check launches again.
		if l := launches[i]; l == nil || l.Run() != nil {
			e.wake(plans[i].id)
		}
	}
	return nil
}
