// Package runner is the contract between coordc's scheduler, which decides
// when a coordinator action runs, and what runs it (the workflow engine).
// It holds only types: the scheduler depends on Runner, the workflow engine
// implements it, and tests use fakes.
package runner

import (
	"context"
	"time"
)

// Request asks for one run of a coordinator action's workflow.
type Request struct {
	// ActionID is the coordinator action ID, "<job id>@<action number>".
	ActionID string
	// Run is 0 for the first run and counts reruns; the workflow job ID is
	// derived from ActionID and Run, so a retried Start after a crash finds
	// the workflow it already created instead of starting a second one.
	Run int
	// AppPath is the workflow application path (a directory holding
	// workflow.xml), after EL evaluation.
	AppPath string
	// Conf is the workflow configuration: the job properties overlaid with
	// the action's resolved <configuration>.
	Conf map[string]string
	// User is the job's user.name.
	User string
	// Dir is the action's own directory for logs and process state.
	Dir string
}

// Status is a workflow job's status, as Oozie names it.
type Status string

// Workflow statuses.
const (
	Prep      Status = "PREP"
	Running   Status = "RUNNING"
	Suspended Status = "SUSPENDED"
	Succeeded Status = "SUCCEEDED"
	Failed    Status = "FAILED"
	Killed    Status = "KILLED"
)

// Terminal reports whether s is final.
func (s Status) Terminal() bool { return s == Succeeded || s == Failed || s == Killed }

// Result is what Check reports.
type Result struct {
	Status       Status
	ErrorCode    string
	ErrorMessage string
	// NextCheck is when checking again is useful (a retry interval, a
	// polling interval); zero means at the scheduler's convenience.
	NextCheck time.Time
}

// Runner runs coordinator actions. Every method must be safe to call again
// after a crash at any point: Start for a request whose workflow exists
// returns that workflow's ID; Check drives the workflow forward and reports
// its status; Kill, Suspend and Resume of a finished workflow are no-ops.
type Runner interface {
	Start(ctx context.Context, req Request) (externalID string, err error)
	Check(ctx context.Context, externalID string) (Result, error)
	Kill(ctx context.Context, externalID string) error
	Suspend(ctx context.Context, externalID string) error
	Resume(ctx context.Context, externalID string) error
}

// Settler is implemented by a Runner that can record, for many workflows
// at once, the outcomes that are already decided (local processes that
// ended) in one durable commit rather than one per workflow. A scheduler
// about to Check several workflows calls Settle with their IDs first.
// Settle only saves commits: Check must still find and record every
// outcome by itself (what Settle left, or lost in a crash before its
// commit), so an error of Settle is not the workflows' failure.
//
// Settle also reports, by external ID, the workflows of externalIDs it
// found ended: final once Settle is done (ended by Settle's commit or
// before it) with nothing left for Check to do, each with the Result Check
// would return for it now (Status, ErrorCode and ErrorMessage; NextCheck
// zero). A reported workflow need not be checked: its Result is final. A
// workflow Settle does not report (running, unknown, final with work left
// for Check such as actions to stop, or ended by another process while
// Settle did not look) is checked as usual. On error, Settle reports
// nothing (a nil map).
type Settler interface {
	Settle(ctx context.Context, externalIDs []string) (ended map[string]Result, err error)
}

// BatchStarter is implemented by a Runner that can start many requests
// at the cost of one durable commit. StartAll's results, in reqs' order,
// are what Start would return for each request, and it is as idempotent.
// A scheduler starting several actions at once calls it instead of Start.
type BatchStarter interface {
	StartAll(ctx context.Context, reqs []Request) (externalIDs []string, errs []error)
}
