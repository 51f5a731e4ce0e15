package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
)

// The configuration properties naming what to submit (Oozie's).
const (
	propCoordPath  = "oozie.coord.application.path"
	propBundlePath = "oozie.bundle.application.path"
	propWfPath     = "oozie.wf.application.path"
)

// Diagnostic is one compiler diagnostic in a refused submission's body.
type Diagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code,omitempty"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
}

// SubmitError is the body of a submission refused for its definitions:
// Oozie's error fields, each diagnostic, and the text `coordc apply` would
// print.
type SubmitError struct {
	ErrorCode    string       `json:"errorCode"`
	ErrorMessage string       `json:"errorMessage"`
	Diagnostics  []Diagnostic `json:"diagnostics"`
	Text         string       `json:"text"`
}

// submitJob is POST /oozie/v2/jobs: an XML configuration naming the
// application path; coordinator (and bundle) applications are compiled
// and submitted, returning 201 {"id": …, "ids": […]}.
func (s *Server) submitJob(w http.ResponseWriter, r *http.Request) {
	if a := r.URL.Query().Get("action"); a != "" && a != "start" {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid action %q for a submission (only start)", a))
		return
	}
	if jt := r.URL.Query().Get("jobtype"); jt != "" {
		oozieError(w, http.StatusBadRequest, codeUnsupported, fmt.Sprintf("jobtype %q submissions (proxy MapReduce, Pig, Hive, Sqoop) are not supported by coordc", jt))
		return
	}
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	props, err := ParseConfiguration(data)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
		return
	}
	path := ""
	for _, p := range []string{propCoordPath, propBundlePath} {
		if v := props[p]; v != "" {
			path = v
		}
	}
	if path == "" {
		if props[propWfPath] != "" {
			oozieError(w, http.StatusBadRequest, codeUnsupported, "standalone workflow jobs (oozie.wf.application.path) are not supported by coordc: submit the coordinator that runs the workflow")
			return
		}
		oozieError(w, http.StatusBadRequest, codeBadConf, "the configuration names no application: set "+propCoordPath+" (or "+propBundlePath+")")
		return
	}
	local, err := localPath(path)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
		return
	}
	for _, p := range []string{propCoordPath, propBundlePath, "user.name"} {
		delete(props, p)
	}
	if s.cfg.Submit == nil {
		oozieError(w, http.StatusBadRequest, codeUnsupported, "this server accepts no submissions")
		return
	}
	s.opMu.Lock()
	s.cfg.Submit.Secrets.Add(props)
	res, err := submit.Apply(r.Context(), s.cfg.Submit.Runtime, s.cfg.NewScheduler(), local, props)
	s.opMu.Unlock()
	if err != nil {
		oozieError(w, http.StatusBadRequest, diag.E1003, err.Error())
		return
	}
	if res.Diags.HasErrors() {
		s.refuse(w, res, nil)
		return
	}
	s.wake()
	s.metrics.submitted(len(res.IDs))
	writeJSON(w, http.StatusCreated, map[string]any{"id": res.IDs[0], "ids": res.IDs})
}

// readBody reads a request's configuration body; a body over MaxBody is
// answered 413, one that cannot be read 400 (ok false: answered).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(r.Body)
	if err == nil {
		return data, true
	}
	if isTooLarge(err) {
		oozieError(w, http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("the configuration is larger than %d bytes", MaxBody))
	} else {
		oozieError(w, http.StatusBadRequest, codeBadConf, "cannot read the request body: "+err.Error())
	}
	return nil, false
}

// refuse answers a submission whose definitions have errors: 400, the
// first error's code and position in the headers, every diagnostic in the
// body; pol (when not nil) masks secret values in the texts.
func (s *Server) refuse(w http.ResponseWriter, res SubmitResult, pol *redact.Policy) {
	body := SubmitError{ErrorCode: string(diag.E0701)}
	var text bytes.Buffer
	diag.WriteText(&text, res.Diags, res.Sources)
	body.Text = pol.Text(text.String())
	for _, d := range res.Diags {
		dd := Diagnostic{Severity: diag.SeverityName(d.Severity), Code: string(diag.CodeOf(d)), Summary: pol.Text(d.Summary), Detail: pol.Text(d.Detail)}
		if d.Subject != nil {
			dd.File, dd.Line, dd.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		body.Diagnostics = append(body.Diagnostics, dd)
	}
	for _, dd := range body.Diagnostics {
		if dd.Severity == "error" {
			if dd.Code != "" {
				body.ErrorCode = dd.Code
			}
			body.ErrorMessage = fmt.Sprintf("%s:%d:%d: %s", dd.File, dd.Line, dd.Column, dd.Summary)
			break
		}
	}
	w.Header().Set("oozie-error-code", body.ErrorCode)
	w.Header().Set("oozie-error-message", strings.Join(strings.Fields(body.ErrorMessage), " "))
	writeJSON(w, http.StatusBadRequest, body)
}

// localPath turns an application path into a path on the server's file
// system: an absolute path or a file: URL; hdfs:// paths are refused (the
// compiler reads local files).
func localPath(p string) (string, error) {
	if strings.HasPrefix(p, "/") {
		return p, nil
	}
	u, err := url.Parse(p)
	if err == nil && u.Scheme == "file" && strings.HasPrefix(u.Path, "/") {
		return u.Path, nil
	}
	return "", fmt.Errorf("application path %q is not an absolute path or file:/// URL on the server (coordc compiles definitions from the server's file system)", p)
}

// definition is show=definition: the stored definition file's text.
func (s *Server) definition(w http.ResponseWriter, r *http.Request, id string) {
	j, err := s.cfg.Store.GetJob(r.Context(), id)
	if err != nil {
		readError(w, err)
		return
	}
	data, err := os.ReadFile(j.AppPath)
	if err != nil {
		oozieError(w, http.StatusInternalServerError, codeUnsupported, "cannot read the definition: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
	if !strings.HasSuffix(j.AppPath, ".xml") {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	}
	w.Write(data)
}

// jobLog is show=log and show=errorlog: the logs of the job's actions
// (of the one action for JOB@N); errorlog only of those that failed,
// were killed or timed out.
func (s *Server) jobLog(w http.ResponseWriter, r *http.Request, job string, num int, errorsOnly bool) {
	var numbers []int
	if num > 0 {
		numbers = []int{num}
	}
	if errorsOnly && num == 0 {
		acts, err := s.cfg.Store.ActionsByStatus(r.Context(), job, []state.ActionStatus{state.Failed, state.Killed, state.TimedOut}, state.OldestFirst, 0)
		if err != nil {
			readError(w, err)
			return
		}
		numbers = []int{}
		for _, a := range acts {
			numbers = append(numbers, a.Number)
		}
		if len(numbers) == 0 {
			if _, err := s.cfg.Store.GetJob(r.Context(), job); err != nil {
				readError(w, err)
				return
			}
			w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
			return
		}
	}
	s.writeLogs(w, r, job, numbers)
}
