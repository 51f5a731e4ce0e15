package flinksql

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/coordc/coordc/runtime/flink"
)

// ErrNotFound matches (errors.Is) an answer saying the gateway does not
// know the session or operation: it was closed, it expired, or the gateway
// restarted (sessions live in the gateway's memory).
var ErrNotFound = errors.New("flinksql: session or operation not found")

// Texts of Flink's SqlGatewayException for unknown sessions and operations.
var notFoundTexts = []string{"does not exist", "Can not find the submitted operation"}

// APIError is an answer with a status other than 200. Errors holds the
// "errors" array of Flink's ErrorResponseBody, or the raw body when it was
// not one.
type APIError struct {
	Method, Path string
	StatusCode   int
	Errors       []string
}

func newAPIError(method, path string, status int, body []byte) *APIError {
	return &APIError{Method: method, Path: path, StatusCode: status, Errors: flink.ErrorTexts(body)}
}

// Error gives the status and the cause lines of the error texts (Flink's
// texts are Java stack traces; their "Caused by:" lines say what happened).
func (e *APIError) Error() string {
	msg := fmt.Sprintf("flinksql: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if c := e.Cause(); c != "" {
		msg += ": " + c
	}
	return msg
}

// Cause returns the most specific lines of the error texts: the first
// line of each text and the last "Caused by:" line, without the generic
// "Internal server error." text.
func (e *APIError) Cause() string {
	var parts []string
	for _, s := range e.Errors {
		s = strings.TrimPrefix(s, "<Exception on server side:\n")
		if s == "Internal server error." {
			continue
		}
		lines := strings.Split(s, "\n")
		first := strings.TrimSpace(lines[0])
		last := ""
		for _, l := range lines {
			if c, ok := strings.CutPrefix(strings.TrimSpace(l), "Caused by: "); ok {
				last = c
			}
		}
		if first != "" {
			parts = append(parts, first)
		}
		if last != "" && last != first {
			parts = append(parts, last)
		}
	}
	return strings.Join(parts, ": ")
}

// Is makes errors.Is(err, ErrNotFound) true for unknown sessions and
// operations.
func (e *APIError) Is(target error) bool {
	if target != ErrNotFound {
		return false
	}
	for _, s := range e.Errors {
		for _, t := range notFoundTexts {
			if strings.Contains(s, t) {
				return true
			}
		}
	}
	return false
}

// TransportError is a request that got no complete HTTP answer: refused or
// reset connections, timeouts, truncated bodies.
type TransportError struct {
	Method, Path string
	Err          error
}

// Error describes the failed request.
func (e *TransportError) Error() string {
	return fmt.Sprintf("flinksql: %s %s: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// IsTransient reports whether err says the gateway could not be reached or
// was unavailable (no answer, 502, 503, 504), rather than that it refused
// the request: the same question may be asked again later.
func IsTransient(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		switch ae.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
	}
	return false
}
