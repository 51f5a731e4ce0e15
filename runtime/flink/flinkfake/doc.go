// Package flinkfake is an in-process fake of a Flink JobManager's REST API
// (the dispatcher endpoint, v1), built from the published OpenAPI specs for
// Flink 1.20 and 2.x and the compatibility snapshot rest_api_v1.snapshot.
// It exists so that coordc's Flink client and runtime can be tested on
// loopback without a cluster.
//
// It serves the operations a jar-based launcher needs, with Flink's paths,
// methods, status codes, JSON member names and error bodies:
//
//	GET    /overview                           ClusterOverviewWithVersion
//	GET    /jars                               JarListInfo
//	POST   /jars/upload                        multipart, one .jar file
//	DELETE /jars/:jarid
//	POST   /jars/:jarid/run                    JarRunRequestBody -> {"jobid"}
//	GET    /jobs                               JobIdsWithStatusOverview
//	GET    /jobs/overview                      MultipleJobsDetails (name: pipeline.name)
//	GET    /jobs/:jobid/status                 JobStatusInfo
//	GET    /jobs/:jobid/exceptions             JobExceptionsInfoWithHistory
//	PATCH  /jobs/:jobid?mode=cancel            202
//	POST   /jobs/:jobid/stop                   202 TriggerResponse
//	GET    /jobs/:jobid/savepoints/:triggerid  AsynchronousOperationResult
//
// Paths may carry the /v1 prefix. Errors use Flink's shapes: a handler
// error is {"errors":["<stringified RestHandlerException and causes>"]}, an
// unmapped exception is 500 {"errors":["Internal server error.","<Exception
// on server side:...>"]}, and an unknown route is 404 {"errors":["Not found:
// <uri>"]}. Request bodies are decoded as strictly as Flink's mapper decodes
// them: an unknown member is a 400.
//
// Behaviour modelled on Flink's handlers and Dispatcher:
//   - A job id already known to the cluster (running, or finished and still
//     in the JobResultStore) is rejected on run with 400 "Could not execute
//     application." whose cause chain ends in DuplicateJobSubmissionException.
//   - GET /jobs/:jobid/status for an unknown id is a 500 carrying
//     FlinkJobNotFoundException: JobStatusHandler does not map that
//     exception to 404 (the exceptions endpoint does, with NotFoundException).
//   - Cancelling a CANCELED job is acknowledged again (202); cancelling a
//     FINISHED or FAILED job is 409; an unknown job is 404; mode=stop is 308.
//   - Stop-with-savepoint takes a client trigger id; repeating it reports the
//     same operation instead of starting another. Results are kept for
//     rest.async.store-duration; the stopped job ends FINISHED.
//   - Finished jobs stay queryable for jobstore.expiration-time.
//   - Restart forgets jars and triggers; RestartMode says what happens to jobs.
//
// Job lifecycles follow a Script (timed state steps) against a Clock, by
// default a clocktest.Fake, so tests advance time instead of sleeping; SetState
// drives a job by hand. FailNext injects faults (an error status, a reset
// connection, latency) into the next requests, and Count reports how many
// requests reached each operation.
//
// It is not a Flink: no program runs, jar entry classes are read from the
// manifest but never loaded, savepoints are paths that are never written,
// and only the operations above exist. Stack traces in error texts are
// representative, not Flink's exact frames.
package flinkfake
