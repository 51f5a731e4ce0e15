// Package scheduler is coordc's coordinator engine: what Oozie's server does
// for coordinator jobs, as a pure, clock-injected library over the state
// database (package runtime/state). `coordc apply` calls Submit once per
// coordinator (SubmitBundle once per bundle: one bundle job linking its
// entries' coordinator jobs) and then Tick in a loop, sleeping until the
// time Tick returns; the ops commands call Kill, KillActions, Suspend,
// Resume, Rerun, Change, Ignore, Update (UpdateDiff for a dry run),
// RerunBundle and Status (Kill, Suspend, Resume, Change and Rerun of a
// bundle job's ID apply to the bundle and its coordinator jobs), and `apply
// --until-done` asks Outlook whether any job can still make progress,
// from the same or another process. The CLI and the server reach the job
// operations through Do with a Request, whose Result is the confirmation
// both print.
//
// # Semantics
//
// Each Tick follows SEMANTICS §7–§8 for every job: materialization with
// Oozie's lookahead (300 s), window (1 h), catch-up extension and throttle
// (max WAITING), actions created WAITING with created = now (coord:actualTime);
// input checks from the nominal time on, done-flags in order through Storage
// (or Oozie's <input-logic> evaluation, package lower/inputlogic, with
// coord:dataIn('<node name>') giving the URIs that satisfied the node),
// latest/future resolved by the planner against Storage with the created
// time; the timeout from stored timestamps (WAITING only,
// floor((now − max(nominal, created))/1 min) > timeout); LAST_ONLY and NONE
// skips; READY actions started within the concurrency (RUNNING + SUBMITTED)
// in execution order; RUNNING actions checked with the Runner; the job
// status transit with Oozie's priorities; and, for a job with an
// <sla:info>, the SLA service (package runtime/sla: registration of new
// actions, met and missed deadlines recorded with their events; the next
// deadline bounds the time Tick returns). Actions are materialized with the
// planner (lower/schedule), never by re-implementing its rules, so apply runs
// what plan shows.
//
// # Crash safety
//
// Every change is a guarded transition (state.TransitionAction). A start is
// READY → SUBMITTED (pending) first, then Runner.Start, then SUBMITTED →
// RUNNING with the external ID; every tick starts SUBMITTED actions again,
// and Runner.Start is idempotent per action ID and run, so a crash between
// the two writes neither loses nor duplicates the workflow. Kill, suspend
// and resume mark the action pending before calling the runner; the first
// tick of a process repeats the calls still pending. The writes of a step
// are group-committed (state.Batch): the claims of a round (claimRounds)
// in one transaction (for a coordinator without input events, all the
// tick's rounds: materialization, input check and claims), every round's
// committed before any start, the RUNNING (or FAILED) records of the starts
// in one after them, the runner results and the input-check outcomes each
// in one after their calls (never a transaction across a runner or storage
// call). Before the checks of a job's due actions, a Runner that is a
// runner.Settler records the outcomes already decided (ended local
// processes) in one commit; each Check still records its own. The
// Results Settle reports (workflows final with nothing left to do) are
// taken as their Checks', which are not made, and their actions' ends are
// recorded in Settle's transaction (runner.Tx), committed with the
// workflows' own. The starts of a step go to a runner.BatchStarter in one
// call (StartAll: the workflow engine creates the jobs and records their
// first launches in one transaction, in which the scheduler records the
// actions RUNNING or FAILED), else one Runner.Start after the other. A
// crash before such a commit loses only what the next tick decides
// again: a SUBMITTED action is started again, a finished workflow or a
// done-flag is read again. Nothing is kept in
// memory that a restarted process needs: the compiled coordinator is loaded
// again from the definition files and properties stored with the job
// (LoadDefinition), so any scheduler can run any job.
//
// # Several schedulers
//
// Any number of schedulers may tick one state database (PostgreSQL across
// machines). Each tick first refreshes the scheduler's heartbeat when it is
// older than a tenth of the lease (ID: the process's "<host>:<pid>:<start>"
// unless Scheduler.ID is set). A READY
// action is claimed with state.Store.ClaimReady, which keeps the job's
// concurrency across schedulers; the claimer owns the started action and
// alone checks it while its heartbeat is younger than Lease. Another
// scheduler adopts an action whose owner went silent: after one lease on
// the owner's host, after two from another host, so that a scheduler that
// can re-attach the owner's local processes comes first (owner.go). Jobs
// whose actions have all finished record when they next have work; a tick
// reads only the jobs due (state.Store.DueJobs).
//
// # Decisions
//
//   - Materialization is evaluated on every tick rather than every 300 s; the
//     actions are the same, created as soon as Oozie's rule allows.
//   - While a round of materialization, input check and claim claims
//     actions and materialization is still due (a catch-up), a tick makes
//     another round, up to maxRounds, and starts what the rounds claimed
//     together (claimRounds): what immediate ticks would do one after the
//     other, with one start commit instead of one per round. The throttle
//     still bounds the WAITING + READY actions at every moment. A round of
//     a coordinator without input events (no storage to read) is one
//     transaction: its new actions are never seen WAITING by others.
//   - <input-logic> is validated at Submit (E1028 with the position: what
//     inputlogic.Compile rejects, and Oozie's dry-run combine checks on the
//     first action); a later action whose combine ranges differ (fewer
//     instances near the dataset's start) gets E1021 at its input check and
//     times out, as in Oozie. An <and>/<or> inside <input-events>, which
//     Oozie never evaluates, is refused.
//   - With <input-logic>, missing_dependencies is the first done-flag the
//     evaluation found missing; after latest/future are resolved the logic
//     is evaluated again (Oozie's second phase) and the configuration is
//     resolved with the URIs of the satisfied nodes.
//   - Bundles (bundle.go): each tick first starts the PREP bundles whose
//     kick-off time has come and applies bundle pause times; a PREP
//     coordinator job of a bundle that has not kicked off stays PREP,
//     materializing nothing; after the coordinators, each running, paused
//     or suspended bundle's status is rolled up from its coordinators'
//     (RollUp, Oozie's status transit). Oozie submits a bundle's
//     coordinators at the kick-off; coordc stores them at submission, so
//     that the bundle is one idempotent submission, and holds them.
//   - Pause times (Change): materialization stops before the pause time;
//     once it has come the job is PAUSED, PAUSEDWITHERROR or PREPPAUSED
//     (checked on every tick, as Oozie's PauseTransitService does every
//     minute) and its materialized actions go on; moving or resetting the
//     pause time returns it. A suspended job keeps a suspended status until
//     resumed, even when its actions finish.
//   - Change revokes (deletes) only actions that never ran: a WAITING
//     action rerun earlier is history, so it blocks the change (E1022).
//   - Rerun keeps the action's created time, as Oozie does, so a rerun
//     action whose inputs are still missing times out at its first check.
//   - Rerun and the status transit take the job's lock (state's
//     Tx.LockJob): the rerun moves its actions back to WAITING and a
//     finished job to RUNNING in one transaction, and the transit decides
//     a job's new status again under the lock, so a tick finishing the job
//     while a rerun is made can never strand the rerun actions.
//   - RerunWorkflow reruns an action's ended workflow job in place
//     through a Runner that is a WorkflowRerunner (Oozie's job -rerun of a
//     workflow); the action goes back to RUNNING (SUCCEEDED, KILLED,
//     FAILED → RUNNING) and its job to RUNNING, in one transaction under
//     the job's lock as Rerun's, and both end again with the workflow. Rerun with Failed (Oozie's coordinator -rerun -failed)
//     keeps each action's workflow job, and its start reruns it in place
//     with oozie.wf.rerun.failnodes=true.
//   - A storage error during the input check is recorded on the action as
//     E1021 "Coord Action Input Check Error: …"; the action keeps waiting and
//     times out as usual (Oozie's message would name Hadoop's FileSystem).
//   - Killing a SUBMITTED action whose start was never confirmed kills the
//     workflow ID the runner would have used (WorkflowID).
//   - An EventDriven scheduler (apply's) checks a running action when the
//     runner reports news of it (Woken: its local process ended, or its
//     start left work for a check), at the runner's NextCheck, or
//     PollInterval after its start (a rerun in place: at once) or last
//     check, rather than on every tick; the check times live in memory
//     only, so a restarted process checks every running action at its
//     first tick. A wake that no check takes within two poll intervals
//     (a sub-workflow's child job) is dropped.
//
// This package does not run workflows (the Runner does), parse definitions
// (package compiler) or provide the CLI.
package scheduler
