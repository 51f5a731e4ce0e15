// Package actionlog reads what a coordinator action ran, for `coordc logs`,
// apply's --error-dir copies and the server's log endpoints: the workflow
// jobs of the action (wf_jobs rows) with their nodes (wf_actions rows) in
// flow order, and, for nodes that ran a process, the launcher's exit
// record, stdout and stderr from the node's directory.
package actionlog
