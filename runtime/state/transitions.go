package state

// ActionTransitions is the coordinator action state machine as Oozie's
// functional spec lists it (§6.1.3.2), verbatim from
// oozie-coord-state-machine.json.
var ActionTransitions = map[ActionStatus][]ActionStatus{
	Waiting:   {Ready, TimedOut, Skipped, Killed},
	Ready:     {Submitted, Skipped, Killed},
	Submitted: {Running, Killed, Failed},
	Running:   {Succeeded, Killed, Failed},
	Failed:    {Ignored},
	Killed:    {Ignored},
	TimedOut:  {Ignored},
	Ignored:   {Waiting},
}

// ActionCommandTransitions are the transitions Oozie's commands make beyond
// the spec list:
//   - WAITING → FAILED: the action configuration fails to evaluate when the
//     inputs are ready (CoordActionInputCheckXCommand, ElException);
//   - RUNNING, SUSPENDED → KILLED: `kill` of a job or of actions;
//   - RUNNING ↔ SUSPENDED: suspend and resume mirror the workflow;
//   - TIMEDOUT, SUCCEEDED, KILLED, FAILED → WAITING: `rerun` (IGNORED →
//     WAITING is in the spec list);
//   - SUCCEEDED, KILLED, FAILED → RUNNING: `rerun` of the action's
//     workflow job (oozie.wf.rerun.skip.nodes, failnodes): the action
//     follows its workflow again, as Oozie's CoordActionUpdateXCommand
//     makes it follow the workflow's status.
var ActionCommandTransitions = map[ActionStatus][]ActionStatus{
	Waiting:   {Failed},
	Running:   {Suspended},
	Suspended: {Running, Killed},
	TimedOut:  {Waiting},
	Succeeded: {Waiting, Running},
	Killed:    {Waiting, Running},
	Failed:    {Waiting, Running},
}

// JobTransitions is the coordinator job state machine as Oozie's functional
// spec lists it (§6.1.2), verbatim from oozie-coord-state-machine.json.
var JobTransitions = map[JobStatus][]JobStatus{
	JobPrep:               {JobPrepSuspended, JobPrepPaused, JobRunning, JobKilled},
	JobRunning:            {JobRunningWithError, JobSuspended, JobPaused, JobSucceeded, JobKilled},
	JobRunningWithError:   {JobRunning, JobSuspendedWithError, JobPausedWithError, JobDoneWithError, JobKilled, JobFailed},
	JobPrepSuspended:      {JobPrep, JobKilled},
	JobSuspended:          {JobRunning, JobKilled},
	JobSuspendedWithError: {JobRunningWithError, JobKilled},
	JobPrepPaused:         {JobPrep, JobKilled},
	JobPaused:             {JobSuspended, JobRunning, JobKilled},
	JobPausedWithError:    {JobSuspendedWithError, JobRunningWithError, JobKilled},
	JobFailed:             {JobIgnored},
	JobKilled:             {JobIgnored},
	JobIgnored:            {JobRunning},
}

// JobCommandTransitions are the transitions Oozie's commands make beyond the
// spec list:
//   - PREP → FAILED: a materialization error fails the job;
//   - RUNNING → DONEWITHERROR, FAILED and RUNNINGWITHERROR → SUCCEEDED: the
//     status transit computes the final status from the actions in one step,
//     whatever the job's previous running status;
//   - SUCCEEDED, DONEWITHERROR → RUNNING and RUNNINGWITHERROR: `rerun` of a
//     finished job (Oozie's RerunTransitionXCommand sets RUNNING, and the
//     status transit adds WITHERROR when failed actions remain);
//   - SUSPENDED ↔ SUSPENDEDWITHERROR and PAUSED ↔ PAUSEDWITHERROR: the
//     status transit of a suspended or paused job whose last failures were
//     rerun (or ignored), or whose actions failed;
//   - FAILED, KILLED → RUNNING: `change -value status=RUNNING` revives a
//     job (IGNORED → RUNNING is in the spec list);
//   - PREP → SUCCEEDED: `change` of the end time to before the start of a
//     job that materialized nothing (DG_CommandLineTool, -change).
var JobCommandTransitions = map[JobStatus][]JobStatus{
	JobPrep:               {JobFailed, JobSucceeded},
	JobRunning:            {JobDoneWithError, JobFailed},
	JobRunningWithError:   {JobSucceeded},
	JobSucceeded:          {JobRunning, JobRunningWithError},
	JobDoneWithError:      {JobRunning, JobRunningWithError},
	JobSuspended:          {JobSuspendedWithError},
	JobSuspendedWithError: {JobSuspended},
	JobPaused:             {JobPausedWithError},
	JobPausedWithError:    {JobPaused},
	JobFailed:             {JobRunning},
	JobKilled:             {JobRunning},
}

// CanTransitionAction reports whether an action may move from one status to
// another (spec list or command transition).
func CanTransitionAction(from, to ActionStatus) bool {
	return contains(ActionTransitions[from], to) || contains(ActionCommandTransitions[from], to)
}

// CanTransitionJob reports whether a job may move from one status to another
// (spec list or command transition).
func CanTransitionJob(from, to JobStatus) bool {
	return contains(JobTransitions[from], to) || contains(JobCommandTransitions[from], to)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
