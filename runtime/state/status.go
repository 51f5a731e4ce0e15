package state

// ActionStatus is a coordinator action's status, as Oozie names it
// (CoordinatorAction.Status).
type ActionStatus string

// Coordinator action statuses.
const (
	Waiting   ActionStatus = "WAITING"
	Ready     ActionStatus = "READY"
	Submitted ActionStatus = "SUBMITTED"
	Running   ActionStatus = "RUNNING"
	Suspended ActionStatus = "SUSPENDED"
	TimedOut  ActionStatus = "TIMEDOUT"
	Succeeded ActionStatus = "SUCCEEDED"
	Killed    ActionStatus = "KILLED"
	Failed    ActionStatus = "FAILED"
	Ignored   ActionStatus = "IGNORED"
	Skipped   ActionStatus = "SKIPPED"
)

// ActionStatuses lists every action status in Oozie's enum order.
var ActionStatuses = []ActionStatus{Waiting, Ready, Submitted, Running, Suspended, TimedOut, Succeeded, Killed, Failed, Ignored, Skipped}

// ActiveStatuses are the statuses of actions that still have work to do.
var ActiveStatuses = []ActionStatus{Waiting, Ready, Submitted, Running, Suspended}

// Terminal reports whether s is final (Oozie's isTerminalStatus: TIMEDOUT,
// SUCCEEDED, KILLED, FAILED, IGNORED, SKIPPED).
func (s ActionStatus) Terminal() bool {
	switch s {
	case TimedOut, Succeeded, Killed, Failed, Ignored, Skipped:
		return true
	}
	return false
}

// TerminalWithFailure reports whether s is FAILED, KILLED or TIMEDOUT, the
// statuses that turn a job into a …WITHERROR status.
func (s ActionStatus) TerminalWithFailure() bool {
	return s == Failed || s == Killed || s == TimedOut
}

// Rerunnable reports whether `rerun` may move an action in s back to WAITING.
func (s ActionStatus) Rerunnable() bool {
	switch s {
	case TimedOut, Succeeded, Killed, Failed, Ignored:
		return true
	}
	return false
}

// JobStatus is a coordinator job's status, as Oozie names it (Job.Status).
type JobStatus string

// Coordinator job statuses.
const (
	JobPremater           JobStatus = "PREMATER"
	JobPrep               JobStatus = "PREP"
	JobRunning            JobStatus = "RUNNING"
	JobSuspended          JobStatus = "SUSPENDED"
	JobSucceeded          JobStatus = "SUCCEEDED"
	JobKilled             JobStatus = "KILLED"
	JobFailed             JobStatus = "FAILED"
	JobPaused             JobStatus = "PAUSED"
	JobPrepPaused         JobStatus = "PREPPAUSED"
	JobPrepSuspended      JobStatus = "PREPSUSPENDED"
	JobRunningWithError   JobStatus = "RUNNINGWITHERROR"
	JobSuspendedWithError JobStatus = "SUSPENDEDWITHERROR"
	JobPausedWithError    JobStatus = "PAUSEDWITHERROR"
	JobDoneWithError      JobStatus = "DONEWITHERROR"
	JobIgnored            JobStatus = "IGNORED"
)

// JobStatuses lists every job status in Oozie's enum order.
var JobStatuses = []JobStatus{JobPremater, JobPrep, JobRunning, JobSuspended, JobSucceeded, JobKilled, JobFailed,
	JobPaused, JobPrepPaused, JobPrepSuspended, JobRunningWithError, JobSuspendedWithError, JobPausedWithError,
	JobDoneWithError, JobIgnored}

// Terminal reports whether a job in s is finished: SUCCEEDED, DONEWITHERROR,
// KILLED, FAILED or IGNORED.
func (s JobStatus) Terminal() bool {
	switch s {
	case JobSucceeded, JobDoneWithError, JobKilled, JobFailed, JobIgnored:
		return true
	}
	return false
}

// Suspended reports whether s is one of the suspended statuses.
func (s JobStatus) Suspended() bool {
	return s == JobSuspended || s == JobSuspendedWithError || s == JobPrepSuspended
}

// Execution is the execution-order control as stored.
type Execution string

// Execution orders.
const (
	FIFO     Execution = "FIFO"
	LIFO     Execution = "LIFO"
	LastOnly Execution = "LAST_ONLY"
	None     Execution = "NONE"
)

// Order is the order ActionsByStatus returns actions in.
type Order int

// Orders.
const (
	// OldestFirst orders by nominal time ascending (FIFO).
	OldestFirst Order = iota
	// NewestFirst orders by nominal time descending (LIFO, LAST_ONLY, NONE).
	NewestFirst
)

// StartOrder is the order in which READY actions start under e: FIFO oldest
// nominal first; LIFO, LAST_ONLY and NONE newest first.
func StartOrder(e Execution) Order {
	if e == FIFO {
		return OldestFirst
	}
	return NewestFirst
}

// Paused reports whether s is one of the paused statuses (PAUSED,
// PAUSEDWITHERROR, PREPPAUSED): the job's pause time has come, so nothing
// new is materialized until it is moved or reset.
func (s JobStatus) Paused() bool {
	return s == JobPaused || s == JobPausedWithError || s == JobPrepPaused
}
