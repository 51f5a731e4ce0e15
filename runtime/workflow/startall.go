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

// createAll creates the planned jobs todo in one transaction and runs
// their launches once it is committed; on an error nothing is created and
// every launch forked is aborted. The first launches are forked beside
// the transaction (firstForks) while it creates the next jobs, and their
// handles recorded in it once all are forked: a handle is still committed
// before its command may run.
func (e *Engine) createAll(ctx context.Context, plans []*startPlan, todo []int) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	forks := &firstForks{queue: make(chan *firstFork, len(todo))}
	var launches []*launch.Pending
	for _, i := range todo {
		var l *launch.Pending
		if l, err = e.create(ctx, tx, plans[i], forks); err != nil {
			break
		}
		if l != nil {
			launches = append(launches, l)
		}
	}
	// Every fork is waited for, even after an error, and either recorded
	// (then run or aborted with the others) or aborted here.
	for _, f := range forks.wait() {
		switch {
		case f.err != nil: // the node stays PREP: Check starts it
		case err != nil:
			f.p.Abort()
		default:
			if l := e.recordFirst(ctx, tx, f.r, f.p, f.conf); l != nil {
				launches = append(launches, l)
			}
		}
	}
	if err != nil {
		tx.Rollback()
	} else {
		err = tx.Commit()
	}
	if err != nil {
		for _, l := range launches {
			l.Abort()
		}
		return err
	}
	for _, l := range launches {
		l.Run() // a failure is a launch that never started: Check launches again
	}
	return nil
}

// forkWorkers is how many goroutines of a StartAll fork its first
// launches. The thread of a fork waits until the wrapper has exec'd
// /bin/sh (and holds a Go processor meanwhile).
const forkWorkers = 1

// firstForks are the first launches of a StartAll's transaction,
// forked on forkWorkers goroutines while the transaction goes on creating
// the next jobs: forkFirst, given them, hands its launch to fork instead
// of forking and recording it itself, and createAll records the handles
// in the transaction once all are forked.
type firstForks struct {
	queue chan *firstFork // room for every fork of the batch
	wg    sync.WaitGroup
	list  []*firstFork
}

// firstFork is one launch of firstForks: the PREP node, the launch and
// the request recorded with its handle, and the result of launch.Fork.
type firstFork struct {
	r    *actionRow
	spec launch.Spec
	conf []byte
	p    *launch.Pending
	err  error
}

// fork queues spec, the launch of the PREP node r with its request conf,
// for the fork goroutines, which the first call starts.
func (fs *firstForks) fork(r *actionRow, spec launch.Spec, conf []byte) {
	if fs.list == nil {
		for range forkWorkers {
			fs.wg.Go(func() {
				for f := range fs.queue {
					f.p, f.err = launch.Fork(f.spec)
				}
			})
		}
	}
	f := &firstFork{r: r, spec: spec, conf: conf}
	fs.list = append(fs.list, f)
	fs.queue <- f
}

// wait waits for every fork and returns them in the order fork was
// called.
func (fs *firstForks) wait() []*firstFork {
	close(fs.queue)
	fs.wg.Wait()
	return fs.list
}
