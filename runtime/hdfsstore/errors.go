package hdfsstore

import "fmt"

// Kind classifies a failed operation.
type Kind int

// The kinds of failure.
const (
	// KindIO is any other failure: the server or the file system refused
	// the operation, or could not be reached.
	KindIO Kind = iota
	// KindUnsupported is a scheme or an operation this Storage cannot serve.
	KindUnsupported
	// KindSourceMissing is a move whose source does not exist.
	KindSourceMissing
	// KindNotEmpty is a touchz of a directory or of a non-empty file.
	KindNotEmpty
	// KindPermissions is a chmod with invalid permissions.
	KindPermissions
)

// Error is a failed operation.
type Error struct {
	Kind Kind
	Msg  string
	// Err is the underlying error, if any.
	Err error
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// ioError wraps a failure as KindIO, keeping its text; nil stays nil.
func ioError(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindIO, Msg: err.Error(), Err: err}
}
