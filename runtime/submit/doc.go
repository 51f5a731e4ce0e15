// Package submit compiles definitions into what the scheduler runs, for
// every front door alike: `coordc apply` and `POST /oozie/v2/jobs` on a
// coordc server list and submit a project's coordinators and bundles here
// (Targets, SubmitTargets, Apply; ResolveAppPath makes relative workflow
// app-paths absolute and inline Flink jobs generated workflow apps), and
// `coordc update` on a state database and
// `PUT /oozie/v2/job/{id}?action=update` on a coordc server load a job's
// new definition here, so both refuse and accept the same files.
package submit
