// Package server is `coordc server`: the scheduler loop (package
// runtime/loop) and an HTTP server in one process, over one state
// database.
//
// The HTTP side serves a subset of Oozie's Web Services API v2 (the
// coordinator parts and the SLA summary listing GET /oozie/v2/sla, in
// sla.go, under /oozie: parameter names, status codes, the
// oozie-error-code and oozie-error-message headers and the JSON field names
// of Oozie's JsonTags), coordc's own read endpoints under /coordc/v1 that
// the CLI's --server mode formats exactly as it formats the state database,
// /healthz and /readyz, Prometheus metrics on /metrics and an embedded web
// console under /console.
//
// Security: reads are open; a mutating request (submit, kill, suspend,
// resume, rerun, change, ignore, update, console buttons) needs `Authorization: Bearer TOKEN` when
// Config.Token is set, which the CLI does whenever the server listens
// beyond loopback. Request bodies are limited to MaxBody; logs are only ever
// read from the job's own log directory, resolved without following a
// symbolic link out of it.
//
// Submissions (when Config.Submit is set) are compiled and submitted by
// package runtime/submit (submit.Apply: the same compiler, checks and
// submission as `coordc apply`), so a submission through
// the server and an apply of the same files make the same job; an update
// (action=update) loads the new definition with package runtime/submit, as
// `coordc update` does on the state database. The job operations are
// scheduler.Requests (ParseManage reads them from Oozie's parameters,
// ManageParams writes them for the CLI's --server mode).
package server
