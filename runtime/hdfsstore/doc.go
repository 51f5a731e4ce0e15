// Package hdfsstore is the runtime's one view of file systems: a Storage
// dispatches every path or URI by scheme, hdfs://, webhdfs:// and
// swebhdfs:// to a WebHDFS client (package runtime/webhdfs), absolute paths
// and file:// URIs to the local file system.
//
// It serves three users with one type:
//
//   - the scheduler: Exists (schedule.Storage) for done-flag checks and
//     latest/future resolution, batched per scheduler tick (BeginTick: one
//     LISTSTATUS per parent directory, cached until the next BeginTick or
//     the next write through the Storage), and Delete (scheduler.Deleter)
//     for rerun cleanup;
//   - the workflow engine: ReadFile for workflow.xml, job-xml files and
//     Flink jars, and the fs action operations Mkdir, RemoveAll, Move,
//     Touchz and Chmod with Hadoop's semantics (a move into an existing
//     directory moves inside it; touchz of a non-empty file is an error);
//   - `coordc eval` and `coordc apply`, which build one Storage from the
//     runtime settings (package runtime/settings).
//
// Failures are *Error values whose Kind the workflow engine maps to its fs
// error codes (FS002 unsupported, FS004 I/O, FS006 missing move source,
// FS007 touchz on a non-empty file, FS008 invalid permissions).
//
// Touchz is safe to repeat, so a CREATE that got no answer (a connection
// reset, a timeout) is followed by another look and, if need be, another
// CREATE, with a short backoff: an empty file there is done.
//
// Limits: chmod over WebHDFS is refused (the client has no SETPERMISSION),
// and touchz of an existing empty HDFS file leaves its modification time
// alone (no SETTIMES), where Hadoop's touchz would update it. A Storage
// without a WebHDFS client refuses hdfs:// URIs with an error that says how
// to configure one. Moves between file systems are refused, as in Hadoop.
package hdfsstore
