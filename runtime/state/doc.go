// Package state is coordc's state database: the SQLite file (or the
// PostgreSQL database) that `coordc apply` writes and the ops commands
// (status, kill, rerun …) read while it runs.
//
// # Two backends, one Store
//
// Open takes a file path (SQLite, the embedded default) or a postgres://
// URL (PostgreSQL, which several schedulers on several machines share).
// Both are database/sql pools behind the same Store type and the same
// statements, written with '?' placeholders: PostgreSQL is reached through
// pgx's database/sql driver (github.com/jackc/pgx/v5/stdlib), wrapped so
// that each statement's placeholders are numbered ($1, $2 …) on the way in
// (postgres.go). One code path for every query was the reason to use the
// stdlib driver rather than pgx's native interface; the workflow engine's
// own statements on DB() run unchanged on both. The dialect differences
// are few and each sits where it is used: the schema_migrations existence
// query, advisory locks (migrations, job creation) and FOR UPDATE SKIP
// LOCKED on PostgreSQL, chr(31) for char(31) in the status report,
// PostgreSQL-only migration companions (NNNN_x.postgres.sql: the
// notification triggers), LISTEN/NOTIFY instead of PRAGMA data_version
// (Watch). Package statetest runs the tests on both.
//
// The tables are the DDL published in schemas/state.sql, shaped after
// Oozie's COORD_JOBS, COORD_ACTIONS, WF_JOBS, WF_ACTIONS, BUNDLE_JOBS and
// BUNDLE_ACTIONS (a bundle job links its coordinator jobs; IDs end in -B
// as the coordinators' end in -C). Open applies the
// embedded, versioned migrations (migrations/NNNN_*.sql, each frozen once
// released; a schema_migrations row records each version), whose result a
// test holds equal to that DDL, and refuses a database written by a newer
// coordc. testdata/v1.db, written by the coordc of version 1, proves that
// old databases migrate with their rows intact. The columns a Go struct maps
// are declared once per table with package sqltable (coord_jobs in job.go,
// coord_actions in action.go, flink_jars in jars.go, bundle_jobs and
// bundle_actions in bundle.go); column lists,
// placeholders and scans derive from that. The file is opened through
// modernc.org/sqlite (pure Go) in WAL
// mode with synchronous=FULL, a busy timeout and foreign keys on; writes go
// through one connection (BEGIN IMMEDIATE), reads through a small read-only
// pool, so another process can read while apply writes. On PostgreSQL
// reads and writes share one pool of a few connections, transactions are
// READ COMMITTED (the guarded statements below need nothing stronger) and
// Status reads one REPEATABLE READ snapshot.
//
// Several schedulers (schedulers.go): each has a schedulers row with a
// heartbeat; the scheduler that starts an action owns it
// (coord_actions.owner) until its heartbeat is older than a lease, after
// which another adopts it (Adopt); READY actions are claimed within the
// job's concurrency (ClaimReady). Idle jobs record when they next have
// work (due.go), so a tick reads only the jobs due.
//
// Every status change is one guarded statement, UPDATE … WHERE id = ? AND
// status IN (…), whose result says whether the row was in an expected
// status: two processes (or a process and its restarted self) can never
// both move the same action. The allowed transitions are the tables of
// Oozie's state machines (ActionTransitions, JobTransitions) plus the
// transitions Oozie's commands make outside the spec lists (rerun, kill,
// suspend, status transit), each documented where it is defined.
//
// Group commit (batch.go): a Batch collects guarded changes that a step of
// a tick decided, and Store.Commit runs them in one transaction, so a step
// of a hundred transitions costs one durable commit (synchronous=FULL is
// kept: the gain is fewer commits, not weaker ones). Each change is the same
// guarded statement, with its event and SLA rows, as on its own; its
// result reaches its callback after the commit. Any Tx method takes part
// through Batch.Add. The caller commits a batch before any side effect that
// depends on it (ClaimReadyAll commits a tick's claims before any process
// starts), and a change lost with an uncommitted batch is one the next tick
// decides again from the outside world. A transition with an event reads
// the changed row with UPDATE … RETURNING; on PostgreSQL the same statement
// updates the SLA summary (one round trip).
//
// Pipelines (pipeline.go, PostgreSQL): Commit sends a batch's action
// transitions as pgx batches on one connection (reached through
// sql.Conn.Raw) rather than one statement per round trip: the guarded
// updates with the job names their events need in one pipeline, the events
// in a second. A batch of nothing else brings its own transaction (BEGIN
// and COMMIT travel in the pipelines; a pipeline without events is one
// implicit transaction), and so does Store.TransitionAction; other batches
// pipeline their runs of transitions inside Store.Tx, and ClaimReadyAll
// pipelines the claims the job has room for. The statements and their
// order are those of the transitions made one by one (a transition to a
// status among from returns the prior status rather than reading it
// first); so are the rows, events, results and errors. On
// PostgreSQL the guard compares an expression of the status, which no
// index serves, so the row is found by primary key: the planner of a table
// not yet analyzed otherwise may scan every action in the status.
//
// Prepared statements: each SQLite connection keeps every statement it runs
// prepared, keyed by its text, for its life (stmtcache.go, a
// driver.Connector around modernc.org/sqlite's), so neither ticks nor the
// workflow engine compile SQL again; on PostgreSQL pgx's per-connection
// statement cache does the same. Inside a transaction of the write pool,
// which holds the write lock so that none of its statements waits for
// another process, statements run without their context's cancellation
// (modernc.org/sqlite watches a cancellable context with a goroutine per
// statement); a context already done still stops the next statement, and
// BEGIN, COMMIT and every other statement stay interruptible.
//
// A coordinator action's move to a status Oozie publishes an event for
// (ActionEventStatus) writes an events row, and updates the action's SLA
// summary (actual start, end), in the transaction of the change: the
// notification outbox (outbox.go, delivered by package runtime/notify) and
// the SLA tables (sla.go, decided by package runtime/sla). The delivery
// worker dispatches a batch of events at a time (dispatch.go): one guarded
// UPDATE … RETURNING marks up to 128 events dispatched and tells which
// ones this worker won (on PostgreSQL it locks them in ID order first, so
// two workers on overlapping batches wait rather than deadlock), and their
// jobs are read by one query. Such lists of IDs are padded to a power of
// two, so that they share a few statement texts (and prepared statements).
//
// Times are stored as UTC text 'YYYY-MM-DDTHH:MM:SSZ' (second precision);
// they are taken from the clock given to WithClock (runtime/clock), so tests
// are deterministic.
//
// This package holds no scheduling logic (package runtime/scheduler) and
// does not touch wf_jobs/wf_actions beyond creating them: the workflow engine
// queries them through DB.
package state
