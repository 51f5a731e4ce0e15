package server

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/state"
)

// The workflow parts of the API: coordc's workflow jobs are the runs of
// coordinator actions, JOB@N-W<run> (scheduler.WorkflowID).

// workflowID matches a workflow job ID and captures its coordinator action.
var workflowID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+@[0-9]+)-W[0-9]+$`) })

// isWorkflowID reports whether id names a workflow job.
func isWorkflowID(id string) bool { return workflowID().MatchString(id) }

// storedTime converts stored UTC text to Oozie's JSON time (null when
// empty or unreadable).
func storedTime(s string) any {
	t, err := state.ParseTime(s)
	if s == "" || err != nil {
		return nil
	}
	return oozieTime(t)
}

// workflowJSON is a workflow job in Oozie's JSON (JsonTags WORKFLOW_*),
// with its actions (the nodes entered) when withActions.
func workflowJSON(r actionlog.Run, withActions bool) map[string]any {
	m := map[string]any{
		"id": r.ID, "appName": r.AppName, "appPath": r.AppPath, "externalId": nil, "parentId": nullable(r.ParentID),
		"user": nullable(r.User), "group": nil, "acl": nil, "status": r.Status, "conf": confXML(r.Conf),
		"createdTime": storedTime(r.Created), "startTime": storedTime(r.Start), "endTime": storedTime(r.End),
		"lastModTime": nil, "run": r.Run, "consoleUrl": nil, "toString": fmt.Sprintf("Workflow id[%s] status[%s]", r.ID, r.Status),
	}
	if withActions {
		acts := make([]map[string]any, 0, len(r.Nodes))
		for _, n := range r.Nodes {
			acts = append(acts, map[string]any{
				"id": r.ID + "@" + n.Name, "name": n.Name, "type": n.Type, "status": n.Status, "transition": nullable(n.Transition),
				"externalId": nullable(n.ExternalID), "externalStatus": nil, "startTime": storedTime(n.Start), "endTime": storedTime(n.End),
				"errorCode": nullable(n.ErrorCode), "errorMessage": nullable(n.ErrorMessage), "retries": 0, "conf": nil, "data": nil,
				"stats": nil, "externalChildIDs": nil, "trackerUri": nil, "consoleUrl": nil, "cred": nil,
			})
		}
		m["actions"] = acts
	}
	return m
}

// listWorkflows is GET /oozie/v2/jobs?jobtype=wf: workflow jobs newest
// first, filter by status only.
func (s *Server) listWorkflows(w http.ResponseWriter, r *http.Request, filter jobsFilter, offset, length int) {
	for k := range filter {
		if k != "status" {
			oozieError(w, http.StatusBadRequest, codeJobsFilter, fmt.Sprintf("invalid jobs filter, coordc filters workflow jobs by status only, not %q", k))
			return
		}
	}
	runs, total, err := actionlog.ListRuns(r.Context(), s.cfg.Store.ReadDB(), filter["status"], offset-1, length)
	if err != nil {
		readError(w, err)
		return
	}
	page := make([]map[string]any, 0, len(runs))
	for _, run := range runs {
		pol := s.policy(r.Context())
		pol.AddJSON(run.Conf)
		run.Conf = maskConf(run.Conf, pol)
		page = append(page, workflowJSON(run, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "offset": offset, "len": length, "workflows": page})
}

// getWorkflow is GET /oozie/v2/job/{wf id}?show=info|status|definition|log.
func (s *Server) getWorkflow(w http.ResponseWriter, r *http.Request, id, show string) {
	run, ok, err := actionlog.GetRun(r.Context(), s.cfg.Store.ReadDB(), id)
	if err != nil {
		readError(w, err)
		return
	}
	if !ok {
		oozieError(w, http.StatusNotFound, codeNoJob, fmt.Sprintf("workflow job %q: %v", id, state.ErrNotFound))
		return
	}
	switch show {
	case "info":
		pol := s.policy(r.Context())
		pol.AddJSON(run.Conf)
		run.Conf = maskConf(run.Conf, pol)
		for i := range run.Nodes {
			run.Nodes[i].ErrorMessage = pol.Text(run.Nodes[i].ErrorMessage)
		}
		writeJSON(w, http.StatusOK, workflowJSON(run, true))
	case "status":
		writeJSON(w, http.StatusOK, map[string]string{"status": run.Status})
	case "definition":
		data, err := os.ReadFile(filepath.Join(run.AppPath, "workflow.xml"))
		if err != nil {
			oozieError(w, http.StatusInternalServerError, codeUnsupported, "cannot read the workflow definition: "+err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
		w.Write(data)
	case "log", "errorlog":
		job, num, err := splitActionID(workflowID().FindStringSubmatch(id)[1])
		if err != nil {
			oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
			return
		}
		s.writeLogs(w, r, job, []int{num})
	default:
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid show value %q (info, status, definition, log or errorlog)", show))
	}
}
