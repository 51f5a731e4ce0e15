package state

// AppWorkflowAction is the app type of a workflow action's SLA and events
// (Oozie's WORKFLOW_ACTION).
const AppWorkflowAction AppType = "WORKFLOW_ACTION"
