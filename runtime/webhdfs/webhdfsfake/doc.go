// Package webhdfsfake is an in-process WebHDFS server for tests: one or more
// NameNodes and a DataNode on loopback httptest servers, serving an
// in-memory file tree over the published WebHDFS REST protocol.
//
// It follows Hadoop's WebHDFS.md and the server code facts recorded in
// shared/reference/webhdfs: paths under /webhdfs/v1, the op query parameter
// (case-insensitive), JSON bodies with the keys the NameNode emits (sorted,
// as Hadoop's TreeMap output), RemoteException error bodies with the status
// codes of Hadoop's ExceptionHandler (404 FileNotFoundException; 403 for
// other IOExceptions such as AccessControlException, StandbyException and
// SecurityException; 400 for IllegalArgumentException and
// UnsupportedOperationException), real 307 redirects from a NameNode to the
// DataNode for OPEN, CREATE and APPEND (or 200 {"Location":…} with
// noredirect=true), and paged LISTSTATUS_BATCH with startAfter and
// remainingEntries.
//
// Test controls: an active/standby switch for HA (a standby answers every
// request with 403 StandbyException), stopping a NameNode (connection
// refused), injectable faults (the next N requests fail with a status, a
// connection reset, or added latency), a request log, user.name checks,
// delegation tokens, TLS, and an option that makes the NameNode behave
// like a Hadoop release without LISTSTATUS_BATCH.
//
// It is not a model of HDFS internals: there are no blocks, leases,
// quotas, ACLs, groups, snapshots or symlinks, and only the operations
// coordc uses are served (GETFILESTATUS, LISTSTATUS, LISTSTATUS_BATCH,
// OPEN, CREATE, APPEND, MKDIRS, RENAME, DELETE, GETHOMEDIRECTORY). Other
// valid operations answer 400 UnsupportedOperationException. Permission
// checks are simplified: the owner bits apply to the owner, the "other"
// bits to everyone else, and the superuser bypasses them; writes need
// write permission on the parent directory, OPEN and LISTSTATUS need read
// permission, and path traversal is not checked.
package webhdfsfake
