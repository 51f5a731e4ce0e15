// Package workflow is coordc's Oozie workflow engine: it runs workflow
// definitions, compiled into the workflow IR by package compiler/wfapp
// (schema, EL and graph checks with Oozie's codes and positions), on the
// wf_jobs and wf_actions tables of the state database (each declared once
// with package sqltable, in store.go). Engine implements runner.Runner.
//
// # Action types
//
// Each action type the front end accepts (package compiler/xmlfront's
// action type table: shell, fs, flink, flink-sql, java, email, ssh,
// sub-workflow) has
// a runner here, registered in
// runners under the same name: start, check (which also recovers after a
// crash) and kill. An action whose type has no runner is an error, never
// run as another type; a test checks that both tables list the same
// types. Adding a type is a front-end file (content model, decoding into
// an ir.ActionBody) and a runner file, each registered with one line.
//
// # Running
//
// Start (idempotent: the job ID is "<action id>-W<run>") reads workflow.xml
// from the application path (a local directory, file:// or, through
// Engine.Files, an HDFS URI), checks the formal
// <parameters> (E0738), copies the definition into Request.Dir (the job
// runs from that snapshot, as Oozie runs the definition it parsed at
// submission) and creates a RUNNING wf_jobs row. The snapshot is written
// durably (fsync) once per definition: a later job of the same bytes
// hard-links the file this Engine already synced. In the transaction that
// creates the row, Start also enters the start node and the control
// nodes after it; when that leaves one PREP node, a shell action without
// prepare operations, Start launches it and its launch handle is committed
// with the job (one commit, still before the command may start); anything
// else is left to the first Check. StartAll (runner.BatchStarter) starts
// many requests as Start does, with one commit for all: it plans them on
// two goroutines (definition, snapshot, the run directory and a first
// shell action's directory: new files and directories are the costliest
// part of a start on some file systems), then creates the jobs and
// prepares and records their first launches in one transaction, in which
// the scheduler records its actions started (runner.StartThen), and runs
// those launches once it is committed; when that transaction fails, every
// launch it prepared is aborted and (unless the scheduler's part failed)
// its requests are started one by one, so an error stays its request's
// own. Start and StartAll wake (Wake) a
// job they leave with work for Check; one left running its first shell
// action wakes when the action ends.
// Request.Conf, with
// oozie.wf.application.path, user.name and coordc.wf.dir added, is the job
// configuration and the EL variables.
//
// Settle (runner.Settler) records, for many jobs in one transaction,
// the outcomes of shell actions whose process ended and the nodes they
// lead to (the end node ends the job): the same guarded changes Check
// makes, which a scheduler's checks of one tick then find recorded. It
// reads the jobs, and then their nodes, with one statement each. It
// reports the jobs it finds ended without open nodes, with the Result
// Check would return, so that the scheduler does not check them: those
// read so, and those its transaction did not leave RUNNING, read again in
// it with one statement. The scheduler records their actions' ends in
// the same transaction (runner.SettleThen).
//
// Check drives the job: each node is a wf_actions row "<job id>@<node>"
// (":start:" for the start node); control nodes complete as they are
// entered; forks enter all paths and a join completes when all paths of its
// fork arrived; decisions take the first case whose predicate is true, else
// the default; a kill node ends the job KILLED with error code E0729 and its
// message; the end node ends it SUCCEEDED and kills what still runs. Action
// errors follow the error transition after the user retries (retry-max,
// retry-interval in minutes, doubled for each earlier retry with
// retry-policy exponential; the row is USER_RETRY meanwhile and NextCheck
// says when it is due). Before a retry runs, the node directory of the
// attempt that ended is kept as <node>.attempt-<n> (AttemptDirs), so every
// attempt's stdout, stderr and exit record remain. An EL error or an invalid definition found when an
// action starts makes the action and the job FAILED (EL_ERROR), as in
// Oozie, without the error transition.
//
// Shell actions run exec with the arguments as argv (never through a shell
// string) and the env-vars added to the environment, detached through
// package launch in <Request.Dir>/<node>, with OOZIE_ACTION_CONF_XML naming
// the merged action configuration (global job-xml, global configuration,
// action job-xml, action configuration), in the node directory; a
// configuration of the same bytes as one this Engine wrote before is a
// hard link to that file (one inode for the actions of a coordinator that
// share it), not linked again once its size or time changed. <file> entries are symlinked into
// that directory (path#name renames; the name must be a plain file name,
// so that the link stays in the directory: a literal bad name is E0701 at
// parse time, one computed by EL fails the action), and an exec naming one
// runs as ./name. capture-output reads stdout as Java properties, at most
// 2048 bytes (Oozie's oozie.action.max.output.data) read through a limited
// reader, for wf:actionData. A non-zero
// exit is an error with the exit status as error code. Shell <file>
// entries must be local. fs actions run delete, mkdir, move, chmod and
// touchz on absolute local paths, file:// URIs and (through Engine.Files,
// package runtime/hdfsstore) HDFS URIs, with Hadoop's semantics (move into
// an existing directory; touchz of a non-empty file is an error); error
// codes FS002–FS008. chmod on HDFS is refused (FS002). The fs: EL functions
// (exists, isDir, fileSize, blockSize, dirSize) read through Engine.Files
// too, so they answer for local paths, file:// and hdfs:// URIs alike.
//
// java actions run the main class in a JVM ($JAVA_HOME/bin/java, else
// java on PATH) detached through package launch like shell actions (the
// shared code is process.go), with the options of mapred.child.java.opts,
// mapreduce.map.java.opts, java-opts (split on whitespace) or java-opt,
// and the system properties oozie.action.conf.xml and
// oozie.action.output.properties (one file per user retry attempt, read
// as capture-output). The classpath is the node directory, its jars
// (<file>s are linked there) and the application's lib/ jars (copied from
// HDFS when the application is there); <archive>s are unpacked into the
// node directory. Exit status 0 is ok; any other is an error with the
// status as code, and the uncaught exception, when the JVM reported one,
// in the message.
//
// email actions send one message through Engine.Mail (package
// runtime/mail) within the check that starts them; attachments are read
// through Engine.Files, relative to the application. The row is recorded
// RUNNING (SENDING) with a Message-ID derived from the row and its user
// retry attempt before the send; a row found RUNNING after a crash is sent
// again with the same Message-ID (at least once).
//
// ssh actions run through Engine.SSH (package runtime/sshrun) detached on
// the remote host, in a run directory named after the row and its user
// retry attempt; the row is recorded RUNNING (SUBMITTING, with the target
// and run in conf) before the host is contacted, and every check reads the
// run's records there. A run nothing claimed is started again; a claimed
// one never is.
//
// sub-workflow actions start a child job with Start (request ActionID the
// action's row id, Run its user retry attempt, so the child's ID and its
// wf_jobs.parent_id name the action), drive it from the parent's checks
// and end with its status; killing the parent kills the child, and
// suspending or resuming the parent suspends or resumes it. A chain of
// more than MaxSubWorkflowDepth sub-workflows fails (LAUNCH_ERROR).
//
// flink actions run on the Flink cluster of Engine.Flink: the jar (local,
// relative to the application, or on HDFS) is uploaded once per content,
// the job id flink.JobID(<node row id>, <user retry attempt>) and the
// resolved request are recorded (external_id, conf, external status
// SUBMITTING) before the submission (a submission that fails because HDFS
// or Flink is unreachable or answers a server error stays SUBMITTING and is
// tried again at the next check), and every Check polls the job's
// status: FINISHED is ok, FAILED and CANCELED are errors with Flink's
// exception history in the message; other states are kept as the external
// status. A killed action is stopped with a savepoint (trigger id
// flink.TriggerID(job id, "stop"), target state.savepoints.dir of its
// flink-configuration, else the cluster's) when it has a savepoint-path,
// otherwise cancelled; Engine.FlinkTimeout does the same to a job running
// too long and ends the action in error TIMEOUT.
//
// flink-sql actions run their statements, one after the other, in one
// session of the Flink SQL Gateway of Engine.FlinkSQL (package
// runtime/flinksql, REST API v1–v4): the session is opened with the
// action's session-configuration (named coordc:<row id>:<attempt>), each
// statement is executed with pipeline.name coordc:<row id>:<attempt>:<n>,
// its operation polled until FINISHED (next statement) or ERROR, CANCELED,
// CLOSED or TIMEOUT (error transition; the gateway's cause in the
// message, code SQL_ERROR or the status). With capture-output the last
// statement's rows become wf:actionData: each column's first-row value
// under its name, row n's under <column>.<n>, and rows; more than 2048
// characters (oozie.action.max.output.data) is OUTPUT_ERROR. The session
// is closed when the action ends; a kill cancels the running operation
// and closes the session; Engine.FlinkSQLTimeout cancels a run that lasts
// too long (error TIMEOUT).
//
// Rerun runs an ended job again under its ID, as Oozie's job -rerun of a
// workflow (oozie.wf.rerun.skip.nodes, oozie.wf.rerun.failnodes, with
// Oozie's refusals E0401, E0404, E0805, E0806, E0807): the definition is
// read again, the rows of the nodes it runs again are deleted in the same
// transaction that restarts the job, and entering a skipped node follows
// its kept row's transition (the node list is the job property
// coordc.wf.rerun.skipped).
//
// shell, java and ssh actions running longer than the job property
// coordc.action.timeout (ConfActionTimeout: minutes, or a Go duration),
// else Engine.ActionTimeout, are killed by the check that finds them so
// (the row is first marked TIMING_OUT, so that a crash in between is
// finished by the next check) and end in error TIMEOUT.
//
// An Engine keeps the parsed snapshots of the workflows it checks in a
// least-recently-used cache of 256 definitions, keyed by the hash of the
// snapshot's path and bytes, so a long apply's memory stays flat.
//
// # Crash safety
//
// Every status change is an UPDATE guarded by the expected old status (and
// the running job); a shell action's pid and start time are committed by
// launch's record callback before the command may start, so a crash at any
// moment neither loses nor duplicates a run: a later Check by any Engine on
// the same database re-attaches to the process or reads its exit record, and
// relaunches only a command that provably never started. An fs action
// interrupted by a crash runs again; its operations tolerate being done
// twice (a move whose source is gone and target present counts as done).
// A flink action found SUBMITTING asks Flink for its recorded job id: a
// known job is followed, an unknown one is submitted (with the same id, so
// Flink would refuse a duplicate); a submission is never repeated for a
// job Flink knows.
//
// A flink-sql action's progress is in its row: external_id the session
// handle, conf the resolved statements with the current statement's index
// and operation handle, external_status the step. The gateway has no
// idempotent execute: no API version (v1–v4) takes a client key for a
// statement or lists a session's operations, and an operation handle is
// only known from the answer. So each step is committed before the call
// it protects:
//
//	OPENING     committed before the session is opened; found after a
//	            crash, a new session is opened (an unused one left behind
//	            ends with the gateway's idle timeout)
//	OPEN        the session handle, committed after the gateway answered
//	SUBMITTING  committed before a statement is executed
//	RUNNING …   the operation handle, committed after the gateway answered;
//	            then the operation's last status
//	CLOSING     the outcome (and action data), committed before the
//	            session is closed; found after a crash, the session is
//	            closed (again) and the outcome recorded
//
// A statement's successor index is committed before its operation is
// closed, so a recovered check never mistakes a finished statement for a
// lost one. A check after a crash follows a recorded operation handle
// (the statement ran once). A statement found SUBMITTING without one may
// or may not be running; the gateway cannot tell. It is executed again
// only when that is safe (flinksql.Rerunnable: SELECT, VALUES, WITH, SHOW,
// DESCRIBE, EXPLAIN, SET, RESET, USE, CREATE … IF NOT EXISTS except
// CREATE TABLE … AS, DROP … IF EXISTS); any other statement (INSERT,
// EXECUTE, statement sets, CTAS, plain DDL, …) is never sent again. Its
// session is closed first (which cancels the operation if it is still
// being planned); then, when a Flink cluster is configured (Engine.Flink),
// Flink's job overview (GET /jobs/overview) is searched for the
// statement's pipeline.name. A job found proves that the statement ran:
// it counts as done, as its operation would have (after the last
// statement the action data is the job id), or, with table.dml-sync true
// in the session configuration, once the Flink job is FINISHED
// (FAILED/CANCELED is an error). The statements after it run in a new
// session, where the earlier statements that are safe to repeat (SET, USE
// …) are replayed to restore the session's state and the others are not
// (conf's resume index). Otherwise — no Flink cluster, or no such job (no
// proof that none will appear) — the action ends in error UNCERTAIN, as
// Oozie fails an action whose launch it cannot confirm: never run twice
// blindly. The message says what Flink
// knows, or names the pipeline.name under which an operator finds the job.
// Note that an INSERT's operation finishes when its job is submitted
// unless table.dml-sync is true; an action that must wait for the job's
// end sets it. A user retry (retry-max) runs the action again in a
// new session. A session the gateway no longer knows (it restarted, or
// expired the session) starts the run over when every statement so far is
// safe to repeat, and is error LOST otherwise. A gateway that does not
// answer leaves the action for the next check. The checks' status polls
// keep the session alive; a coordc stopped for longer than the gateway's
// sql-gateway.session.idle-timeout finds the session gone (as above).
// Each step is a compare-and-swap on the row (status, external id and
// status, conf), so when two engines check one action (a scheduler
// adopting the action of a silent owner) only one takes it; a SUBMITTING
// step another engine is in the middle of is, to the other, the same as
// one interrupted by a crash.
// Concurrent engines need the database opened with immediate transactions
// (as the state store does), so that a transaction's read and write are
// atomic.
//
// # Statements
//
// A call reads what it needs once and carries it, never from one call to
// the next (several schedulers share the database; every change stays
// guarded by the status it expects). The job row is read with whether the
// job or a node of it has an SLA summary (SLAs are registered only when
// the job is created) and whether a node of it is open (PREP, RUNNING,
// USER_RETRY): the Check of an ended job without one reads nothing more.
// Node rows carry their job's notification URL when it has no SLA
// summary, so their status changes do not read the job again (only a
// rerun of an ended job changes its configuration); a job with SLA
// summaries reads them in the change's transaction, per node. A
// transaction carries the job's status once it has read or written it
// (the UPDATE that records an action's outcome returns it), and a job it
// created carries the node rows it inserted, which Start's first launch
// needs; the row of an action the start node leads straight to is
// inserted once, RUNNING with its launch handle, when Start launches it
// (jobRow.holdFirst). Check reads the job again only after changing
// something. A workflow of one shell action costs 10 statements from
// StartAll to the Settle that reports it ended (no Check follows), 6 of
// them its inserts and updates (TestStatementsPerAction).
//
// # SLAs and notifications
//
// The <sla:info> blocks of the workflow-app and its actions are resolved
// when Start creates the job and registered in the SLA tables in the
// job's transaction (package runtime/sla decides them). Every node status
// change records, in its own transaction, the SLA summary's job status and
// actual start (leaving PREP) or end, and, when the job configuration has
// oozie.wf.action.notification.url, an event in the notification outbox
// (package runtime/notify calls the URL): on entering an action node
// $status is S:<status> (S:RUNNING), on leaving it T:<transition> (or
// S:FAILED, S:KILLED without one); a decision sends one T:<chosen node>;
// other control nodes none. $jobId and $nodeName are substituted too.
//
// The package does not schedule coordinator actions, speaks to HDFS,
// Flink and the SQL Gateway only through the clients it is given, and runs
// no other action types.
package workflow
