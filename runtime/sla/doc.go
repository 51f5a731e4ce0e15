// Package sla is coordc's SLA service: what Oozie's SLA monitoring does for
// coordinator actions, workflow jobs and workflow actions with an
// <sla:info> block (DG_SLAMonitoring).
//
// Each scheduler tick calls Monitor.Check for a job: actions without an SLA
// registration are registered (their <sla:info> evaluated with
// schedule.SLAAt, group coord-sla-create, and resolved by Resolve), then
// every SLA not yet decided is evaluated against the clock (Evaluate):
// START_MET/START_MISS, DURATION_MET/DURATION_MISS and END_MET/END_MISS,
// each decided once, with sla_status NOT_STARTED → IN_PROCESS → MET or MISS.
// The summary update and the events (SLA messages in the notification
// outbox, package runtime/state) are written in one transaction, guarded on
// the summary's event_processed bits, so two schedulers never report an
// event twice.
//
// # Semantics
//
//   - should-start, should-end and max-duration are minutes after EL
//     evaluation (${10 * MINUTES} is 10), relative to nominal-time for the
//     first two; expected_duration is stored in milliseconds, -1 when absent.
//   - The actual start is when the action became RUNNING, the actual end
//     when it reached SUCCEEDED, FAILED, KILLED or TIMEDOUT (recorded by the
//     state store in the transaction of the status change).
//   - START_MISS when the action has not started after the expected start
//     (or started later); DURATION_MISS when it runs longer than
//     max-duration; END_MISS when it has not ended after the expected end,
//     ended later, or ended in FAILED, KILLED or TIMEDOUT (Oozie: "END_MISS
//     also occurs when the job does not end successfully"). An action that
//     ends without having started misses start and duration too.
//   - A criterion without its field (no should-start, no max-duration) is
//     not tracked and emits no event.
//   - alert-events defaults to END_MISS (Oozie's
//     oozie.sla.service.SLAService.alert.events); it selects the events that
//     are mailed to alert-contact. Every event is recorded and emitted.
//   - SLA 0.1 blocks are read the same way (nominal-time, should-start,
//     should-end, alert-contact, notification-msg, upstream-apps; app-name
//     replaces the application name when given).
//
// # Decisions
//
//   - An SLA is registered once per action, at its first tick: a rerun keeps
//     the first run's actual start and end and decided events.
//   - SLAs of workflows and workflow actions (an <sla:info> in a
//     workflow-app, app type WORKFLOW_JOB, ID the workflow job's and parent
//     the coordinator action; or in an action, WORKFLOW_ACTION, ID
//     "<workflow job id>@<node>" and parent the workflow job) are resolved
//     and registered by the workflow engine when it creates the job, in
//     the job's transaction, as Oozie registers them at submission (EL of
//     the workflow with the job configuration, plus MINUTES, HOURS and DAYS
//     as in Oozie's wf-sla-submit group); a block that does not resolve
//     fails the job's start with an error naming the block and field. Every
//     tick (at most once a second per process), CheckWorkflows decides
//     them like coordinator action SLAs: the
//     job's actual start is its creation, its end its SUCCEEDED, FAILED or
//     KILLED; an action's start is when it leaves PREP, its end its OK,
//     ERROR, FAILED or KILLED (ERROR, FAILED and KILLED are unsuccessful
//     ends, so END_MISS).
//   - A <sla:info> that does not resolve (nominal-time not a date, a
//     duration not a number after EL) is logged once per process and the
//     action is not tracked; the action itself runs.
//
// This package does not deliver notifications (package runtime/notify).
package sla
