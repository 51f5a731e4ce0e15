// Package runner is the contract between coordc's scheduler, which decides
// when a coordinator action runs, and what runs it (the workflow engine).
// It holds only types: the scheduler depends on Runner, the workflow engine
// implements it, and tests use fakes.
package runner

import (
	"context"
	"database/sql"
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
// Settle did not look) is checked as usual.
//
// When then is not nil, Settle calls it once, with the results it is about
// to report, in the transaction that commits its records (see Tx); in one
// of its own when it has no records to make but workflows to report, and
// not at all when it has neither. On error, Settle reports nothing (a nil
// map) and nothing then did is committed.
type Settler interface {
	Settle(ctx context.Context, externalIDs []string, then SettleThen) (ended map[string]Result, err error)
}

// BatchStarter is implemented by a Runner that can start many requests
// at the cost of one durable commit. StartAll's results, in reqs' order,
// are what Start would return for each request, and it is as idempotent.
// A scheduler starting several actions at once calls it instead of Start.
//
// When then is not nil, StartAll calls it once, with the results it is
// about to return, in the transaction that creates the workflows (see Tx;
// in one of its own, after them, when none is created in one). err is
// then's error, or that of the transaction then ran in: nothing then did
// is committed, and the requests' results are not known (a workflow may
// exist or not; a Start or StartAll again finds out).
type BatchStarter interface {
	StartAll(ctx context.Context, reqs []Request, then StartThen) (externalIDs []string, errs []error, err error)
}

// Tx is a transaction of the database a Runner shares with the scheduler
// (the workflow engine keeps its records in the scheduler's state
// database): Tx, begun on Conn, a connection of that database.
//
// The scheduler records what follows from a Runner's batch (its actions
// RUNNING with the workflows StartAll created, or ended with the
// workflows Settle ended) in the same transaction, through a SettleThen or
// StartThen: one commit instead of two, and a crash never separates the
// two records. Their error rolls the transaction back.
type Tx struct {
	Conn *sql.Conn
	Tx   *sql.Tx
}

// SettleThen is what Settler.Settle runs in its transaction (its then
// argument): ended is what Settle is about to report.
type SettleThen func(ctx context.Context, tx Tx, ended map[string]Result) error

// StartThen is what BatchStarter.StartAll runs in its transaction (its
// then argument): externalIDs and errs are what StartAll is about to
// return.
type StartThen func(ctx context.Context, tx Tx, externalIDs []string, errs []error) error
