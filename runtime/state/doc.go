// Package state is coordc's state database: the SQLite file that `coordc
// apply` writes and the ops commands (status, kill, rerun …) read while it
// runs.
//
// The tables are the DDL published in schemas/state.sql, shaped after
// Oozie's COORD_JOBS, COORD_ACTIONS, WF_JOBS and WF_ACTIONS. Open applies the
// embedded, versioned migrations (migrations/NNNN_*.sql, each frozen once
// released; a schema_migrations row records each version), whose result a
// test holds equal to that DDL, and refuses a database written by a newer
// coordc. testdata/v1.db, written by the coordc of version 1, proves that
// old databases migrate with their rows intact. The columns a Go struct maps
// are declared once per table with package sqltable (coord_jobs in job.go,
// coord_actions in action.go, flink_jars in jars.go); column lists,
// placeholders and scans derive from that. The file is opened through
// modernc.org/sqlite (pure Go) in WAL
// mode with synchronous=FULL, a busy timeout and foreign keys on; writes go
// through one connection (BEGIN IMMEDIATE), reads through a small read-only
// pool, so another process can read while apply writes.
//
// Every status change is one guarded statement, UPDATE … WHERE id = ? AND
// status IN (…), whose result says whether the row was in an expected
// status: two processes (or a process and its restarted self) can never
// both move the same action. The allowed transitions are the tables of
// Oozie's state machines (ActionTransitions, JobTransitions) plus the
// transitions Oozie's commands make outside the spec lists (rerun, kill,
// suspend, status transit), each documented where it is defined.
//
// A coordinator action's move to a status Oozie publishes an event for
// (ActionEventStatus) writes an events row, and updates the action's SLA
// summary (actual start, end), in the transaction of the change: the
// notification outbox (outbox.go, delivered by package runtime/notify) and
// the SLA tables (sla.go, decided by package runtime/sla).
//
// Times are stored as UTC text 'YYYY-MM-DDTHH:MM:SSZ' (second precision);
// they are taken from the clock given to WithClock (runtime/clock), so tests
// are deterministic.
//
// This package holds no scheduling logic (package runtime/scheduler) and
// does not touch wf_jobs/wf_actions beyond creating them: the workflow engine
// queries them through DB.
package state
