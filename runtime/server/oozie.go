package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// The Oozie API versions served (GET /oozie/versions); coordc serves v2
// only.
var apiVersions = []int{2}

func (s *Server) versions(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, apiVersions)
}

func (s *Server) adminStatus(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"systemMode": "NORMAL"})
}

func (s *Server) buildVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"buildVersion": s.cfg.Version})
}

// oozieTime formats t as Oozie's JSON does (RFC 1123, GMT); null for zero.
func oozieTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(http.TimeFormat)
}

// nullable is s, or null when empty (Oozie's JSON has nulls there).
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// coordJobJSON is a coordinator job in Oozie's JSON (JsonTags).
func coordJobJSON(j state.Job, actions []map[string]any, total int) map[string]any {
	m := map[string]any{
		"coordJobId":           j.ID,
		"coordJobName":         j.AppName,
		"coordJobPath":         j.AppPath,
		"coordExternalId":      nil,
		"frequency":            j.Frequency,
		"timeUnit":             j.TimeUnit,
		"timeZone":             j.TimeZone,
		"concurrency":          j.Concurrency,
		"mat_throttling":       j.Throttle,
		"timeOut":              j.Timeout,
		"executionPolicy":      string(j.Execution),
		"lastAction":           nil,
		"nextMaterializedTime": oozieTime(j.NextMatdTime),
		"conf":                 confXML(j.Conf),
		"status":               string(j.Status),
		"user":                 nullable(j.User),
		"group":                nil,
		"acl":                  nil,
		"consoleUrl":           nil,
		"createdTime":          oozieTime(j.Created),
		"startTime":            oozieTime(j.Start),
		"endTime":              oozieTime(j.End),
		"pauseTime":            oozieTime(j.PauseTime),
		"bundleId":             nullable(j.BundleID),
		"total":                total,
		"toString":             fmt.Sprintf("Coordinator application id[%s] status[%s]", j.ID, j.Status),
	}
	if j.LastActionNumber > 0 && !j.NextMatdTime.IsZero() {
		m["lastAction"] = oozieTime(j.NextMatdTime)
	}
	if actions != nil {
		m["actions"] = actions
	}
	return m
}

// coordActionJSON is a coordinator action in Oozie's JSON.
func coordActionJSON(a state.Action) map[string]any {
	return map[string]any{
		"id":                      a.ID,
		"jobId":                   a.JobID,
		"type":                    "coordinator-action",
		"actionNumber":            a.Number,
		"createdConf":             nil,
		"runConf":                 confXMLOrNull(a.RunConf),
		"createdTime":             oozieTime(a.Created),
		"nominalTime":             oozieTime(a.Nominal),
		"lastModifiedTime":        oozieTime(a.LastModified),
		"status":                  string(a.Status),
		"externalId":              nullable(a.ExternalID),
		"externalStatus":          nullable(a.ExternalStatus),
		"errorCode":               nullable(a.ErrorCode),
		"errorMessage":            nullable(a.ErrorMessage),
		"missingDependencies":     nullable(a.MissingDependencies),
		"pushMissingDependencies": nil,
		"trackerUri":              nil,
		"consoleUrl":              nil,
		"toString":                fmt.Sprintf("CoordinatorAction name[%s] status[%s]", a.ID, a.Status),
	}
}

// confXMLOrNull is confXML, or null for an empty configuration.
func confXMLOrNull(conf string) any {
	if conf == "" {
		return nil
	}
	return confXML(conf)
}

// confXML renders a JSON object of properties as Oozie's <configuration>
// XML, keys sorted.
func confXML(conf string) string {
	var m map[string]string
	if json.Unmarshal([]byte(conf), &m) != nil {
		return "<configuration/>"
	}
	return string(configurationXML(m))
}

// paging reads Oozie's 1-based offset and len.
func paging(q url.Values, defLen int) (offset, length int, err error) {
	offset, length = 1, defLen
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("offset %q is not a number ≥ 1", v)
		}
		if offset == 0 {
			offset = 1
		}
	}
	if v := q.Get("len"); v != "" {
		if length, err = strconv.Atoi(v); err != nil || length < 0 {
			return 0, 0, fmt.Errorf("len %q is not a number ≥ 0", v)
		}
	}
	if length > maxLen {
		length = maxLen
	}
	return offset, length, nil
}

// maxLen caps a page (Oozie caps jobs listings at 1000 as well).
const maxLen = 1000

// jobsFilter is a parsed jobs filter: values per key, ORed within a key,
// ANDed between keys (Oozie's semantics).
type jobsFilter map[string][]string

// parseJobsFilter reads `status=RUNNING;name=x`; keys are Oozie's (status,
// name, user, id; group, frequency, unit, startcreatedtime … are refused).
func parseJobsFilter(f string) (jobsFilter, error) {
	out := jobsFilter{}
	if f == "" {
		return out, nil
	}
	for _, part := range strings.Split(f, ";") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || v == "" {
			return nil, fmt.Errorf("filter elements must be semicolon-separated name=value pairs, not %q", part)
		}
		k = strings.ToLower(strings.TrimSpace(k))
		switch k {
		case "status":
			v = strings.ToUpper(v)
			if !knownJobStatus(v) {
				return nil, fmt.Errorf("invalid status value %q", v)
			}
		case "name", "user", "id":
		default:
			return nil, fmt.Errorf("unsupported filter name %q (coordc supports status, name, user, id)", k)
		}
		out[k] = append(out[k], v)
	}
	return out, nil
}

func knownJobStatus(v string) bool {
	for _, s := range state.JobStatuses {
		if string(s) == v {
			return true
		}
	}
	return false
}

func (f jobsFilter) match(j state.Job) bool {
	for k, vals := range f {
		var got string
		switch k {
		case "status":
			got = string(j.Status)
		case "name":
			got = j.AppName
		case "user":
			got = j.User
		case "id":
			got = j.ID
		}
		found := false
		for _, v := range vals {
			if v == got {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// listJobs is GET /oozie/v2/jobs.
func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	jobtype := q.Get("jobtype")
	switch jobtype {
	case "coord", "coordinator", "wf", "", "bundle":
	default:
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid jobtype %q (coordinator, wf or bundle)", jobtype))
		return
	}
	filter, err := parseJobsFilter(q.Get("filter"))
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeJobsFilter, "invalid jobs filter ["+q.Get("filter")+"], "+err.Error())
		return
	}
	offset, length, err := paging(q, 50)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	key := map[string]string{"coord": "coordinatorjobs", "coordinator": "coordinatorjobs", "wf": "workflows", "": "workflows", "bundle": "bundlejobs"}[jobtype]
	if key == "workflows" {
		s.listWorkflows(w, r, filter, offset, length)
		return
	}
	if key == "bundlejobs" {
		s.listBundles(w, r, filter, offset, length)
		return
	}
	page := []map[string]any{}
	total := 0
	if key == "coordinatorjobs" {
		jobs, err := s.cfg.Store.ListJobs(r.Context())
		if err != nil {
			readError(w, err)
			return
		}
		// Newest first, as Oozie lists jobs (by created time).
		for i := len(jobs) - 1; i >= 0; i-- {
			j := jobs[i]
			if !filter.match(j) {
				continue
			}
			total++
			if total >= offset && len(page) < length {
				page = append(page, coordJobJSON(maskJob(j, s.policy(r.Context(), j)), nil, j.LastActionNumber))
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "offset": offset, "len": length, key: page})
}

// getJob is GET /oozie/v2/job/{id}.
func (s *Server) getJob(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	q := r.URL.Query()
	show := q.Get("show")
	if show == "" {
		show = "info"
	}
	if isWorkflowID(id) {
		s.getWorkflow(w, r, id, show)
		return
	}
	if state.IsBundleID(id) {
		s.getBundle(w, r, id, show)
		return
	}
	job, num, err := splitActionID(id)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	switch show {
	case "info":
		if num > 0 {
			a, err := s.cfg.Store.GetAction(r.Context(), id)
			if err != nil {
				if errors.Is(err, state.ErrNotFound) {
					oozieError(w, http.StatusNotFound, codeNoAction, err.Error())
					return
				}
				readError(w, err)
				return
			}
			writeJSON(w, http.StatusOK, coordActionJSON(maskAction(a, s.jobPolicy(r.Context(), job))))
			return
		}
		s.coordInfo(w, r, job)
	case "status":
		if num > 0 {
			a, err := s.cfg.Store.GetAction(r.Context(), id)
			if err != nil {
				readError(w, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{"status": string(a.Status)})
			return
		}
		j, err := s.cfg.Store.GetJob(r.Context(), job)
		if err != nil {
			readError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": string(j.Status)})
	case "definition":
		s.definition(w, r, job)
	case "log", "errorlog":
		s.jobLog(w, r, job, num, show == "errorlog")
	default:
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid show value %q (info, status, definition, log or errorlog)", show))
	}
}

// splitActionID splits JOB@N into the job ID and N (0 without @).
func splitActionID(id string) (job string, num int, err error) {
	job, n, ok := strings.Cut(id, "@")
	if !ok {
		return id, 0, nil
	}
	num, err = strconv.Atoi(n)
	if err != nil || num < 1 {
		return "", 0, fmt.Errorf("invalid coordinator action id %q (JOB@N)", id)
	}
	return job, num, nil
}

// coordInfo is show=info for a coordinator job: the job with a page of its
// actions (offset 1-based, len default 0 as Oozie's v2, order asc|desc,
// filter status=…;status!=…).
func (s *Server) coordInfo(w http.ResponseWriter, r *http.Request, id string) {
	ctx := r.Context()
	q := r.URL.Query()
	j, err := s.cfg.Store.GetJob(ctx, id)
	if err != nil {
		readError(w, err)
		return
	}
	offset, length, err := paging(q, 0)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	desc := false
	switch q.Get("order") {
	case "", "asc":
	case "desc":
		desc = true
	default:
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid order %q (asc or desc)", q.Get("order")))
		return
	}
	filter, err := parseInfoFilter(q.Get("filter"))
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeJobFilter, "invalid job filter ["+q.Get("filter")+"], "+err.Error())
		return
	}
	acts, total, err := infoPage(ctx, s.cfg.Store, j, filter, offset, length, desc)
	if err != nil {
		readError(w, err)
		return
	}
	pol := s.policy(ctx, j)
	out := make([]map[string]any, 0, len(acts))
	for _, a := range acts {
		out = append(out, coordActionJSON(maskAction(a, pol)))
	}
	writeJSON(w, http.StatusOK, coordJobJSON(maskJob(j, pol), out, total))
}
