package webhdfs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
)

// RemoteError is a WebHDFS request that failed on the server: the
// RemoteException of the body when there is one, else the HTTP status and
// a snippet of the body (for example a proxy's or the authentication
// filter's page).
type RemoteError struct {
	Op            string // the WebHDFS operation, e.g. "GETFILESTATUS"
	Path          string // the file system path it was applied to
	Status        int    // the HTTP status
	Exception     string // simple class name, e.g. "FileNotFoundException"; "" without a RemoteException
	JavaClassName string // e.g. "java.io.FileNotFoundException"
	Message       string // the exception message, or the start of a non-JSON body
}

// Error reads like "webhdfs GETFILESTATUS /a: FileNotFoundException: File
// does not exist: /a (HTTP 404)".
func (e *RemoteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "webhdfs %s %s: ", e.Op, e.Path)
	switch {
	case e.Exception != "" && e.Message != "":
		fmt.Fprintf(&b, "%s: %s", e.Exception, e.Message)
	case e.Exception != "":
		b.WriteString(e.Exception)
	case e.Message != "":
		fmt.Fprintf(&b, "server answered %q", e.Message)
	default:
		b.WriteString("server answered with no body")
	}
	fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	return b.String()
}

// maxErrorSnippet bounds how much of a non-JSON error body is kept.
const maxErrorSnippet = 200

// parseError turns an unexpected response into a *RemoteError. A 401 is
// an authentication failure whatever the body says, as in Hadoop's
// WebHdfsFileSystem.validateResponse.
func parseError(op, path string, status int, body []byte) *RemoteError {
	e := &RemoteError{Op: op, Path: path, Status: status}
	var v struct {
		RemoteException *struct {
			Exception     string `json:"exception"`
			JavaClassName string `json:"javaClassName"`
			Message       string `json:"message"`
		}
	}
	if status != http.StatusUnauthorized && json.Unmarshal(body, &v) == nil && v.RemoteException != nil {
		e.Exception = v.RemoteException.Exception
		e.JavaClassName = v.RemoteException.JavaClassName
		e.Message = v.RemoteException.Message
		return e
	}
	snippet := strings.TrimSpace(strings.ToValidUTF8(string(body), "\uFFFD"))
	if len(snippet) > maxErrorSnippet {
		snippet = strings.ToValidUTF8(snippet[:maxErrorSnippet], "") + "…"
	}
	e.Message = snippet
	if status == http.StatusUnauthorized {
		e.Exception = "AccessControlException"
		e.JavaClassName = "org.apache.hadoop.security.AccessControlException"
		if e.Message == "" {
			e.Message = "Authentication required"
		}
	}
	return e
}

// is reports whether the exception is the simple name or the class name
// ends with it.
func (e *RemoteError) is(name string) bool {
	return e.Exception == name || strings.HasSuffix(e.JavaClassName, "."+name) ||
		strings.HasSuffix(e.JavaClassName, "$"+name)
}

func asRemote(err error) *RemoteError {
	var e *RemoteError
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// IsNotFound reports whether err is a FileNotFoundException (HTTP 404).
func IsNotFound(err error) bool {
	e := asRemote(err)
	return e != nil && (e.is("FileNotFoundException") || (e.Exception == "" && e.Status == http.StatusNotFound))
}

// IsStandby reports whether err came from a standby NameNode
// (StandbyException, HTTP 403).
func IsStandby(err error) bool {
	e := asRemote(err)
	return e != nil && (e.is("StandbyException") || strings.HasSuffix(e.Message, "StandbyException"))
}

// IsAccessControl reports whether err is a permission or authentication
// failure: AccessControlException, SecurityException, AuthorizationException
// or HTTP 401.
func IsAccessControl(err error) bool {
	e := asRemote(err)
	return e != nil && (e.is("AccessControlException") || e.is("SecurityException") ||
		e.is("AuthorizationException") || e.Status == http.StatusUnauthorized)
}

// IsAlreadyExists reports whether err is a FileAlreadyExistsException, as
// CREATE answers for an existing file without overwrite.
func IsAlreadyExists(err error) bool {
	e := asRemote(err)
	return e != nil && e.is("FileAlreadyExistsException")
}

// IsIllegalArgument reports whether err is an IllegalArgumentException
// (HTTP 400), which is how servers reject a bad parameter.
func IsIllegalArgument(err error) bool {
	e := asRemote(err)
	return e != nil && e.is("IllegalArgumentException")
}

// IsInvalidToken reports whether the delegation token was refused
// (expired, cancelled or unknown); a new token is needed.
func IsInvalidToken(err error) bool {
	e := asRemote(err)
	return e != nil && (e.is("InvalidToken") ||
		strings.HasPrefix(e.Message, "Failed to obtain user group information:"))
}

// isUnsupportedOp reports whether the server does not know the operation:
// UnsupportedOperationException, or the IllegalArgumentException a
// NameNode gives for an op value missing from its enum.
func isUnsupportedOp(err error) bool {
	e := asRemote(err)
	return e != nil && e.Status == http.StatusBadRequest && (e.is("UnsupportedOperationException") ||
		(e.is("IllegalArgumentException") && strings.Contains(e.Message, `webhdfs parameter "op"`)))
}

// isRetriable reports whether the server asked to be asked again later:
// RetriableException, SafeModeException, or a 5xx status.
func isRetriable(err error) bool {
	e := asRemote(err)
	return e != nil && (e.is("RetriableException") || e.is("SafeModeException") || e.Status >= 500)
}

// IsUnreachable reports whether err means the cluster could not be reached
// or did not answer: a refused or reset connection, a DNS failure, a
// timeout, a connection closed before the answer. Such an operation may
// work later; an error answer (a *RemoteError) is the cluster refusing and
// is never unreachable. A cancelled context is neither.
func IsUnreachable(err error) bool {
	if err == nil || asRemote(err) != nil || errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	return errors.Is(err, ErrTimeout) || errors.As(err, &ne) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// IsTransient reports whether repeating the operation later may succeed:
// the cluster is unreachable (IsUnreachable), a standby or busy NameNode
// answered (StandbyException, RetriableException, SafeModeException), or
// a server error (5xx).
func IsTransient(err error) bool {
	return IsUnreachable(err) || IsStandby(err) || isRetriable(err)
}
