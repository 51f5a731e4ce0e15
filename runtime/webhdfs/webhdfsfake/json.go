package webhdfsfake

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Exception simple names the fake raises, with the Java class names and
// statuses Hadoop's ExceptionHandler gives them.
const (
	exFileNotFound  = "FileNotFoundException"
	exAccessControl = "AccessControlException"
	exAlreadyExists = "FileAlreadyExistsException"
	exParentNotDir  = "ParentNotDirectoryException"
	exNotEmpty      = "PathIsNotEmptyDirectoryException"
	exStandby       = "StandbyException"
	exSecurity      = "SecurityException"
	exIllegalArg    = "IllegalArgumentException"
	exUnsupported   = "UnsupportedOperationException"
	exIO            = "IOException"
	exRetriable     = "RetriableException"
	exSafeMode      = "SafeModeException"
	exRuntime       = "RuntimeException"
)

// exceptionInfo is how one exception class travels over WebHDFS.
type exceptionInfo struct {
	javaClass string
	status    int
}

// exceptions maps simple names to their Java class and HTTP status, per
// the order of checks in Hadoop's NameNode ExceptionHandler.
var exceptions = map[string]exceptionInfo{
	exFileNotFound:  {"java.io.FileNotFoundException", http.StatusNotFound},
	exAccessControl: {"org.apache.hadoop.security.AccessControlException", http.StatusForbidden},
	exAlreadyExists: {"org.apache.hadoop.fs.FileAlreadyExistsException", http.StatusForbidden},
	exParentNotDir:  {"org.apache.hadoop.fs.ParentNotDirectoryException", http.StatusForbidden},
	exNotEmpty:      {"org.apache.hadoop.fs.PathIsNotEmptyDirectoryException", http.StatusForbidden},
	exStandby:       {"org.apache.hadoop.ipc.StandbyException", http.StatusForbidden},
	exSecurity:      {"java.lang.SecurityException", http.StatusForbidden},
	exIllegalArg:    {"java.lang.IllegalArgumentException", http.StatusBadRequest},
	exUnsupported:   {"java.lang.UnsupportedOperationException", http.StatusBadRequest},
	exIO:            {"java.io.IOException", http.StatusForbidden},
	exRetriable:     {"org.apache.hadoop.ipc.RetriableException", http.StatusForbidden},
	exSafeMode:      {"org.apache.hadoop.hdfs.server.namenode.SafeModeException", http.StatusForbidden},
	exRuntime:       {"java.lang.RuntimeException", http.StatusInternalServerError},
}

// remote is a RemoteException the fake is about to send.
type remote struct {
	exception string
	message   string
}

// errNoParent marks a missing parent directory; callers turn it into
// their operation's own answer.
var errNoParent = &remote{exception: exFileNotFound, message: "parent does not exist"}

// Error makes *remote an error, for the setup helpers' results.
func (r *remote) Error() string { return r.exception + ": " + r.message }

func newRemote(exception, message string) *remote {
	return &remote{exception: exception, message: message}
}

// status is the HTTP status Hadoop sends for the exception; unknown
// classes are 500, as "anything else" in ExceptionHandler.
func (r *remote) status() int {
	if info, ok := exceptions[r.exception]; ok {
		return info.status
	}
	return http.StatusInternalServerError
}

// body is the JSON the server writes: JsonUtil.toJsonString(Exception),
// keys sorted.
func (r *remote) body() []byte {
	class := r.exception
	if info, ok := exceptions[r.exception]; ok {
		class = info.javaClass
	}
	b, err := json.Marshal(map[string]map[string]string{"RemoteException": {
		"exception": r.exception, "javaClassName": class, "message": r.message,
	}})
	if err != nil {
		panic(err) // maps of strings always marshal
	}
	return b
}

// writeJSON sends a 200 JSON body the way the NameNode does.
func writeJSON(w http.ResponseWriter, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeRemote(w, contentType, newRemote(exRuntime, err.Error()))
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// writeRemote sends a RemoteException with its mapped status.
func writeRemote(w http.ResponseWriter, contentType string, r *remote) {
	b := r.body()
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(r.status())
	_, _ = w.Write(b)
}

// writeEmpty sends a status with no body.
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// Content types of the two servers: Jersey on the NameNode, Netty on the
// DataNode.
const (
	nnJSON = "application/json"
	dnJSON = "application/json; charset=utf-8"
)

// fileStatus is the FileStatus map JsonUtil emits for an inode: the
// always-present keys plus snapshotEnabled etc. only when true (the fake
// never sets those). suffix is "" for a GETFILESTATUS answer and for
// LISTSTATUS of a file.
func fileStatus(n *inode, suffix string) map[string]any {
	m := map[string]any{
		"accessTime":       n.atime,
		"blockSize":        int64(0),
		"childrenNum":      len(n.children),
		"fileId":           n.id,
		"group":            n.group,
		"length":           int64(len(n.data)),
		"modificationTime": n.mtime,
		"owner":            n.owner,
		"pathSuffix":       suffix,
		"permission":       n.permString(),
		"replication":      0,
		"storagePolicy":    0,
		"type":             "DIRECTORY",
	}
	if !n.dir {
		m["type"] = "FILE"
		m["blockSize"] = int64(defaultBlockSize)
		m["replication"] = defaultRepl
	}
	return m
}
