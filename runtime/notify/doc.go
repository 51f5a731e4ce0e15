// Package notify delivers coordc's notifications from the outbox of the
// state database (tables events and deliveries, package runtime/state).
//
// The scheduler and the SLA service write an event row in the transaction
// that makes the change it reports (a coordinator action's status change,
// an SLA met or miss), so a crash can never lose a notification nor report
// a change that was rolled back. A Worker, running beside apply's tick
// loop and never blocking it, expands each new event into deliveries, one
// per destination, then sends the due deliveries and records each result.
// The new events are dispatched in batches of up to 100, each with one
// query for its jobs (read afresh per batch, so that a changed job's
// properties apply to the events dispatched after the change; each job's
// properties decoded once) and one transaction whose single guarded
// statement marks the batch dispatched (state's DispatchAll: an event that
// another worker dispatched first is left, without a second set of
// deliveries); an event with no destination, apply's common case, then
// costs no statement of its own. The destinations:
//
//   - Oozie's notification URLs, HTTP GET callbacks read from the job
//     properties: oozie.coord.action.notification.url ($actionId, $status;
//     $jobId is the coordinator job) on every coordinator action event, and
//     oozie.wf.workflow.notification.url ($jobId is the workflow job,
//     $status its status, $parentId the coordinator action) on the events that mirror the action's workflow
//     (RUNNING, SUSPENDED, SUCCEEDED, FAILED, KILLED); and
//     oozie.wf.action.notification.url on the entry and exit events of
//     workflow action nodes (app type WORKFLOW_ACTION), substituted by the
//     workflow engine when it records them; those events go to that URL
//     only, never to webhooks or email;
//   - webhooks of the notify block: a POST of the event as JSON (Message),
//     with the event ID in the X-Coordc-Event header for deduplication and
//     an optional bearer token;
//   - email over SMTP (net/smtp, STARTTLS when offered): SLA events in an
//     SLA's alert-events to its alert-contact, as Oozie mails them, and the
//     events the email block selects to its to addresses.
//
// Delivery is at least once: a failed attempt (a transport error, a
// non-2xx answer, an SMTP error) is retried with exponential backoff from
// Backoff up to MaxBackoff, for ever (a new process tries what is pending
// at once; `apply --until-done` keeps sending for up to ten seconds after
// its jobs are done and leaves the rest to the next apply). A worker that
// is stopped waits up to StopGrace for the attempt in flight and records its
// outcome; a process killed after sending and before recording sends again
// on restart, so receivers deduplicate by event ID. Tokens and passwords come from files or the environment and
// are never logged: errors name the destination, not its URL.
//
// Delivered events are deleted after Retention.
package notify
