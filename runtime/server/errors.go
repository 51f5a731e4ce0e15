package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// Oozie's error codes (ErrorCode.java) the API answers with; each is
// documented in the code catalog (coordc explain CODE).
const (
	codeInvalidResource = diag.E0301 // unknown resource or method
	codeInvalidParam    = diag.E0302 // a parameter value is not valid
	codeMissingParam    = diag.E0305 // a required parameter is missing
	codeUnsupported     = diag.E0307 // valid for Oozie, not done by coordc
	codeBadConf         = diag.E0401 // the job configuration is not valid
	codeJobsFilter      = diag.E0420 // invalid jobs filter
	codeJobFilter       = diag.E0421 // invalid job (actions) filter
	codeUnauthorized    = diag.E0509 // no or a wrong bearer token
	codeSQL             = diag.E0603 // the state database failed
	codeNoJob           = diag.E0604 // job does not exist
	codeNoAction        = diag.E0605 // action does not exist
	codeNotEligible     = diag.E1018 // the operation does not apply in this status
	codeTooLarge        = diag.E0302 // request body too large (with 413)
)

// oozieError writes an error as Oozie does: the status code, the
// oozie-error-code and oozie-error-message headers, and (coordc's
// addition) the same as a JSON body.
func oozieError(w http.ResponseWriter, status int, code diag.Code, msg string) {
	h := w.Header()
	h.Set("oozie-error-code", string(code))
	// A header value is one line.
	h.Set("oozie-error-message", strings.Join(strings.Fields(msg), " "))
	h.Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"errorCode": string(code), "errorMessage": msg})
}

// readError maps the error of a read to Oozie's status and code: an
// unknown job is 404, anything else the state database's failure.
func readError(w http.ResponseWriter, err error) {
	if errors.Is(err, state.ErrNotFound) {
		oozieError(w, http.StatusNotFound, codeNoJob, err.Error())
		return
	}
	oozieError(w, http.StatusInternalServerError, codeSQL, err.Error())
}

// opError maps the error of an operation (kill, rerun …): unknown job 404,
// a refusal with Oozie's own code (change's E1015, E1016, E1022) 400 with
// that code, not eligible in the job's status E1018, and anything else the
// scheduler refused (no such action, a concurrent change) 400 with its
// message.
func opError(w http.ResponseWriter, err error) {
	var ce *scheduler.CommandError
	switch {
	case errors.Is(err, state.ErrNotFound):
		oozieError(w, http.StatusNotFound, codeNoJob, err.Error())
	case errors.As(err, &ce):
		oozieError(w, http.StatusBadRequest, ce.Code, err.Error())
	case errors.Is(err, scheduler.ErrNotEligible):
		oozieError(w, http.StatusBadRequest, codeNotEligible, err.Error())
	default:
		oozieError(w, http.StatusBadRequest, codeUnsupported, err.Error())
	}
}

// writeJSON writes v with Oozie's content type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// isNotFound reports whether err is an unknown job or action.
func isNotFound(err error) bool { return errors.Is(err, state.ErrNotFound) }
