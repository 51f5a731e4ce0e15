// Package submit compiles definitions into what the scheduler runs, for
// every front door alike: `coordc update` on a state database and
// `PUT /oozie/v2/job/{id}?action=update` on a coordc server load a job's
// new definition here, so both refuse and accept the same files.
package submit
