package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/workflow"
)

// manageJob is PUT /oozie/v2/job/{id}?action=kill|suspend|resume|rerun|
// coord-rerun|change|ignore|update with Oozie's parameters (type=action|
// date, scope, refresh, nocleanup, value; update's dryrun and
// configuration body); a workflow job ID takes action=rerun only
// (rerunWorkflow).
func (s *Server) manageJob(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	q := r.URL.Query()
	if isWorkflowID(id) {
		if q.Get("action") == "rerun" {
			s.rerunWorkflow(w, r, id)
			return
		}
		oozieError(w, http.StatusBadRequest, codeUnsupported, "a workflow job is managed through its coordinator action ("+workflowID().FindStringSubmatch(id)[1]+")")
		return
	}
	switch q.Get("action") {
	case "bundle-rerun":
		s.rerunBundle(w, r, id)
		return
	case "update":
		s.updateJob(w, r, id)
		return
	case "start", "dryrun":
		oozieError(w, http.StatusBadRequest, codeUnsupported, fmt.Sprintf("action=%s is not supported by coordc: a submitted coordinator job starts by itself", q.Get("action")))
		return
	}
	req, code, err := ParseManage(id, q)
	if err != nil {
		oozieError(w, http.StatusBadRequest, code, err.Error())
		return
	}
	if err := s.operate(func(sch *scheduler.Scheduler) error { _, err := sch.Do(r.Context(), req); return err }); err != nil {
		opError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// ParseManage reads the parameters of PUT /oozie/v2/job/{id} (all but
// action=update) into the operation they ask for; an error comes with
// Oozie's code for it. ManageParams is its inverse.
func ParseManage(id string, q url.Values) (scheduler.Request, diag.Code, error) {
	job, num, err := splitActionID(id)
	if err != nil {
		return scheduler.Request{}, codeInvalidParam, err
	}
	req := scheduler.Request{Job: job}
	if num > 0 {
		req.Sel = &scheduler.Selection{Numbers: []int{num}}
	}
	if t := q.Get("type"); t != "" || q.Get("scope") != "" {
		if num > 0 {
			return req, codeInvalidParam, errors.New("type and scope apply to a coordinator job ID, not an action ID")
		}
		if req.Sel, err = parseScope(t, q.Get("scope")); err != nil {
			return req, codeInvalidParam, err
		}
	}
	switch action := q.Get("action"); action {
	case "kill", "suspend", "resume", "ignore":
		req.Op = scheduler.Op(action)
	case "rerun", "coord-rerun":
		req.Op = scheduler.OpRerun
		if req.Sel == nil {
			return req, codeMissingParam, errors.New("rerun needs type=action|date and scope")
		}
		req.Rerun = scheduler.RerunOptions{Refresh: q.Get("refresh") == "true", NoCleanup: q.Get("nocleanup") == "true", Failed: q.Get("failed") == "true"}
	case "change":
		req.Op = scheduler.OpChange
		if req.Change, err = scheduler.ParseChange(q.Get("value")); err != nil {
			var ce *scheduler.CommandError
			if errors.As(err, &ce) {
				return req, ce.Code, err
			}
			return req, codeInvalidParam, err
		}
	case "":
		return req, codeMissingParam, errors.New("missing parameter action")
	default:
		return req, codeInvalidParam, fmt.Errorf("invalid action %q (kill, suspend, resume, rerun, coord-rerun, change, ignore or update)", action)
	}
	if err := req.Check(); err != nil {
		return req, codeUnsupported, err
	}
	return req, "", nil
}

// ManageParams is the query of PUT /oozie/v2/job/{id} that asks for req
// (the CLI's --server mode), in Oozie's parameter names; id is req.Job.
func ManageParams(req scheduler.Request) url.Values {
	q := url.Values{}
	switch req.Op {
	case scheduler.OpRerun:
		q.Set("action", "coord-rerun")
		q.Set("refresh", strconv.FormatBool(req.Rerun.Refresh))
		q.Set("nocleanup", strconv.FormatBool(req.Rerun.NoCleanup))
		if req.Rerun.Failed {
			q.Set("failed", "true")
		}
	case scheduler.OpChange:
		q.Set("action", string(req.Op))
		q.Set("value", req.Change.Value())
	default:
		q.Set("action", string(req.Op))
	}
	if req.Sel != nil {
		typ, scope := req.Sel.Scope()
		q.Set("type", typ)
		q.Set("scope", scope)
	}
	return q
}

// parseScope reads Oozie's type and scope: action numbers and ranges, or
// date ranges.
func parseScope(typ, scope string) (*scheduler.Selection, error) {
	if scope == "" {
		return nil, fmt.Errorf("type=%s needs a scope", typ)
	}
	switch typ {
	case "action":
		nums, err := scheduler.ParseActions(scope)
		if err != nil {
			return nil, err
		}
		return &scheduler.Selection{Numbers: nums}, nil
	case "date":
		ranges, err := scheduler.ParseDates(scope)
		if err != nil {
			return nil, err
		}
		return &scheduler.Selection{Dates: ranges}, nil
	}
	return nil, fmt.Errorf("invalid type %q (action or date)", typ)
}

// rerunWorkflow is Oozie's "Re-Running a Workflow Job": PUT
// /oozie/v2/job/{wfjob}?action=rerun with a configuration body carrying
// oozie.wf.rerun.skip.nodes or oozie.wf.rerun.failnodes (and properties
// merged over the workflow's configuration), run by
// scheduler.RerunWorkflow as `coordc rerun WFJOB` does on the state
// database. The workflow's refusals keep their codes (E0401, E0404,
// E0805-E0807).
func (s *Server) rerunWorkflow(w http.ResponseWriter, r *http.Request, id string) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	conf := map[string]string{}
	if len(bytes.TrimSpace(data)) > 0 {
		var err error
		if conf, err = ParseConfiguration(data); err != nil {
			oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
			return
		}
	}
	// The workflow runs again from its own application path, as the
	// user's of the coordinator job.
	for _, p := range []string{propWfPath, "user.name"} {
		delete(conf, p)
	}
	err := s.operate(func(sch *scheduler.Scheduler) error { return sch.RerunWorkflow(r.Context(), id, conf) })
	var re *workflow.RerunError
	switch {
	case errors.As(err, &re):
		oozieError(w, http.StatusBadRequest, re.Code, err.Error())
		return
	case err != nil:
		opError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}
