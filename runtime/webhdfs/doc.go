// Package webhdfs is coordc's HDFS client: it speaks the WebHDFS REST
// protocol (Hadoop's WebHDFS.md) over net/http, with no native Hadoop RPC.
//
// A Client resolves hdfs://, webhdfs:// and swebhdfs:// URIs (and
// absolute paths, on a default nameservice) to NameNode HTTP endpoints from
// its Config; see Resolver. Only configured endpoints are ever contacted: a
// URI whose authority is not in the configuration is an error, so that
// credentials never reach a host a property or template names. It supports pseudo authentication (user.name),
// delegation tokens (delegation=) and TLS, fails over between the
// NameNodes of a nameservice on StandbyException (403) and connection
// errors and remembers the one that answered, and retries with bounded
// exponential backoff and jitter (see Retry). Each request has its own
// timeout.
//
// Operations: Stat (GETFILESTATUS), ListStatus (LISTSTATUS), ListBatch and
// List (LISTSTATUS_BATCH paged with startAfter/remainingEntries, falling
// back to LISTSTATUS on servers without it), Open and ReadFile (OPEN,
// following the DataNode redirect), Create and Append (the two-step
// redirect done by hand: the NameNode's 307 names a DataNode, which then
// receives the data), Mkdirs, Rename and Delete. Error answers become
// *RemoteError values carrying the server's RemoteException; IsNotFound,
// IsStandby, IsAccessControl, IsAlreadyExists, IsIllegalArgument and
// IsInvalidToken classify them. Errors never include request URLs, which
// may carry a delegation token.
//
// Done-flag checks: Client.Exists has the shape of coordc's
// schedule.Storage (one GETFILESTATUS per check); a Tick made by NewTick
// answers the many checks of one scheduler tick with one LISTSTATUS per
// parent directory, cached for the tick.
//
// Retries are safe by construction: reads, MKDIRS and overwriting CREATEs
// are repeated after any transient failure; RENAME, DELETE, APPEND and
// non-overwriting CREATEs only when the request provably did not run (a
// refused connection, a standby NameNode, RetriableException,
// SafeModeException or 503). Data is resent only from an io.Seeker.
//
// HttpFS gateways work too: their CREATE/APPEND redirect to themselves
// (data=true) is followed the same way, with Content-Type
// application/octet-stream on the data.
//
// Not supported: SPNEGO/Kerberos (use a delegation token), doas proxy
// users, and ACL, xattr, snapshot, quota, checksum and token-management
// operations. The in-process test server is package webhdfsfake.
package webhdfs
