// Package flinksql is coordc's client of Flink's SQL Gateway REST API,
// versions v1 to v4 (rest_v1_sql_gateway.yml … rest_v4_sql_gateway.yml),
// used by the workflow engine's flink-sql actions: open a session with
// properties, execute a statement, poll its operation's status, fetch its
// results page by page, cancel or close it, close the session.
//
// What the versions offer, and what that means for crash recovery:
//
//	v1  sessions, heartbeat, statements, operation status/cancel/close,
//	    results (no rowFormat parameter)
//	v2  adds configure-session and complete-statement; rowFormat (JSON or
//	    PLAIN_TEXT) becomes a required parameter of the results
//	v3  adds refreshing materialized tables
//	v4  adds deploying a script in application mode
//
// None of them lists a session's operations, looks an operation up by
// anything but the handle its execute call answered, or takes a client key
// that would make executing a statement idempotent. A client that lost
// the answer of an execute call therefore cannot learn whether the
// statement runs. The package sends every request once, never retrying
// on its own, and offers the facts a caller needs to decide: IsTransient
// (no answer, or 502/503/504), ErrNotFound (the gateway does not know the
// session or operation: closed, expired, or the gateway restarted — its
// sessions live in memory) and Rerunnable, which tells the statements that
// are safe to execute a second time. The workflow engine's doc describes
// the protocol built on them.
//
// Version negotiation: with Config.Version empty, the first request asks
// GET /api_versions and uses the newest version both sides know; every
// other path carries the version prefix (/v2/sessions/…).
//
// Result pages are read as the gateway writes them (Flink's own
// serializer, not the OpenAPI schema's field names): "columns" and rows of
// {"kind", "fields"}; with rowFormat JSON the fields are JSON values.
//
// Package gatewayfake is an in-process fake gateway for tests.
package flinksql
