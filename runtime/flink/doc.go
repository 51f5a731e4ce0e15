// Package flink is coordc's client for the Flink JobManager REST API (v1),
// used by the runtime to launch a coordinator action as a Flink job from a
// jar and to follow it to the end. It covers exactly that path:
//
//   - GET /overview as reachability and version probe (Overview.Supported).
//   - Jars: POST /jars/upload (multipart, part "jarfile"), GET /jars,
//     DELETE /jars/:jarid. EnsureJar uploads each distinct content once per
//     cluster, keyed by SHA-256 in a JarCache, and uploads again when GET
//     /jars no longer lists the cached id (the JobManager restarted).
//   - Run: POST /jars/:jarid/run with entryClass, programArgsList,
//     parallelism, savepointPath, allowNonRestoredState, claimMode,
//     flinkConfiguration and a caller-chosen jobId (JobID derives it from the
//     action id and attempt). Flink refuses a job id it already knows with
//     400 "Could not execute application." caused by
//     DuplicateJobSubmissionException; Run reports that as
//     ErrAlreadySubmitted and Submit as Submission.AlreadySubmitted, so a
//     submission repeated after a crash never starts a second job.
//   - Status: GET /jobs/:jobid/status. Wait polls it: FINISHED is success,
//     FAILED and CANCELED are a *JobError carrying a summary of GET
//     /jobs/:jobid/exceptions, SUSPENDED and the rest keep polling.
//   - Jobs by name: GET /jobs/overview (JobsOverview), for a job whose id
//     coordc does not know but whose pipeline.name it set (flink-sql).
//   - Stop and kill: POST /jobs/:jobid/stop with our own triggerId (TriggerID)
//     then GET /jobs/:jobid/savepoints/:triggerid; PATCH /jobs/:jobid?mode=cancel.
//
// Flink 1.20 and 2.x. The client sends only request members both versions
// accept and reads only response members both write, so it needs no version
// switch; where the specs differ:
//
//   - JarRunRequestBody: 1.20 also has the deprecated programArgs string and
//     program-args query parameter, removed in 2.x. The client sends
//     programArgsList only (a 2.x server rejects unknown members).
//   - claimMode's enum is RestoreMode in 1.20 and RecoveryClaimMode in 2.x,
//     same values. restoreMode, its deprecated alias, is never sent.
//   - JobExceptionsInfoWithHistory: 1.20 adds the deprecated root-exception,
//     timestamp, all-exceptions and truncated members. The client reads
//     exceptionHistory and falls back to root-exception when it is empty.
//   - POST /jobs (JobGraph upload) is documented up to 1.20 only; unused.
//
// Clusters older than 1.20 are refused by Overview.Supported (claimMode and a
// strict request mapper would make runs fail there).
//
// Errors. Flink answers errors as {"errors":[...]} whose strings are Java
// stack traces; APIError keeps them and shows their first lines. Decisions:
//
//   - An unknown job id on GET /jobs/:jobid/status is not a 404 in Flink:
//     JobStatusHandler does not map FlinkJobNotFoundException, so the answer
//     is 500 "Internal server error." with that exception in the trace. The
//     client treats that 500, and any 404, as ErrJobNotFound.
//   - Retries are bounded (RetryPolicy: attempts, exponential backoff with
//     jitter) and only where repeating is harmless: reads, cancel, stop with
//     our trigger id, run with our job id (a repeat is refused as a
//     duplicate and reported as already submitted), and jar uploads (a
//     repeat at worst leaves a second copy of the jar on the cluster;
//     EnsureJar keeps one id). Retried failures are transport errors and
//     408/429/500/502/503/504, except a 500 that says the job does not
//     exist; IsTransient reports them to callers that wait longer.
//   - Waiting loops are bounded by WaitOptions (timeout, consecutive errors)
//     and the context, and use the injectable Clock, as do retry backoffs.
//
// It is not a scheduler: recording job ids before submitting, deciding when
// to stop or cancel, and mapping states to coordinator action states belong
// to the runtime. The flinkfake subpackage is the fake JobManager it is
// tested against.
package flink
