package workflow

// ActionStatus is the status of a workflow node's wf_actions row, as Oozie
// names a workflow action's (WorkflowAction.Status). A workflow job's
// status is a runner.Status.
type ActionStatus string

// Workflow action statuses coordc uses.
const (
	ActionPrep      ActionStatus = "PREP"       // entered, not started
	ActionRunning   ActionStatus = "RUNNING"    // started, not finished
	ActionOK        ActionStatus = "OK"         // finished; the ok transition was taken
	ActionError     ActionStatus = "ERROR"      // finished in error; the error transition was taken
	ActionUserRetry ActionStatus = "USER_RETRY" // failed, waiting for a user retry
	ActionFailed    ActionStatus = "FAILED"     // the definition failed (EL error); the job failed
	ActionKilled    ActionStatus = "KILLED"     // its job ended while it was unfinished
)
