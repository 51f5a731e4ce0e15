package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// Bundle jobs in Oozie's API: GET /oozie/v2/jobs?jobtype=bundle, GET
// /oozie/v2/job/{bundle id}?show=info|status|definition, and PUT
// /oozie/v2/job/{bundle id}?action=kill|suspend|resume|bundle-rerun (the
// scheduler applies kill, suspend and resume of a bundle ID to its
// coordinator jobs).

// bundleJobJSON is a bundle job in Oozie's JSON (JsonTags, BUNDLE_JOB_*);
// coords are its coordinator jobs (bundleCoordJobs), nil in a listing.
func bundleJobJSON(b state.Bundle, coords []map[string]any) map[string]any {
	m := map[string]any{
		"bundleJobId":      b.ID,
		"bundleJobName":    b.AppName,
		"bundleJobPath":    b.AppPath,
		"bundleExternalId": nil,
		"conf":             confXML(b.Conf),
		"status":           string(b.Status),
		"timeUnit":         "NONE",
		"timeOut":          0,
		"kickoffTime":      oozieTime(b.KickOff),
		"startTime":        oozieTime(b.Start),
		"endTime":          oozieTime(b.End),
		"pauseTime":        oozieTime(b.PauseTime),
		"createdTime":      oozieTime(b.Created),
		"user":             nullable(b.User),
		"group":            nil,
		"acl":              nil,
		"consoleUrl":       nil,
		"toString":         fmt.Sprintf("Bundle id[%s] status[%s]", b.ID, b.Status),
	}
	if coords != nil {
		m["bundleCoordJobs"] = coords
	}
	return m
}

// listBundles is GET /oozie/v2/jobs?jobtype=bundle: newest first, filtered
// as coordinator jobs are (status, name, user, id).
func (s *Server) listBundles(w http.ResponseWriter, r *http.Request, filter jobsFilter, offset, length int) {
	bs, err := s.cfg.Store.ListBundles(r.Context())
	if err != nil {
		readError(w, err)
		return
	}
	page := []map[string]any{}
	total := 0
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		if !filter.match(state.Job{ID: b.ID, AppName: b.AppName, Status: b.Status, User: b.User}) {
			continue
		}
		total++
		if total >= offset && len(page) < length {
			page = append(page, bundleJobJSON(b, nil))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "offset": offset, "len": length, "bundlejobs": page})
}

// getBundle is GET /oozie/v2/job/{bundle id}: show=info (the bundle with
// its coordinator jobs), status or definition (the bundle XML).
func (s *Server) getBundle(w http.ResponseWriter, r *http.Request, id, show string) {
	ctx := r.Context()
	b, err := s.cfg.Store.GetBundle(ctx, id)
	if err != nil {
		readError(w, err)
		return
	}
	switch show {
	case "info":
		acts, err := s.cfg.Store.BundleActions(ctx, id)
		if err != nil {
			readError(w, err)
			return
		}
		coords := []map[string]any{}
		for _, a := range acts {
			j, err := s.cfg.Store.GetJob(ctx, a.CoordID)
			if err != nil {
				continue // purged
			}
			coords = append(coords, coordJobJSON(maskJob(j, s.policy(ctx, j)), nil, j.LastActionNumber))
		}
		writeJSON(w, http.StatusOK, bundleJobJSON(b, coords))
	case "status":
		writeJSON(w, http.StatusOK, map[string]string{"status": string(b.Status)})
	case "definition":
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(b.JobXML))
	default:
		oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid show value %q for a bundle job (info, status or definition)", show))
	}
}

// rerunBundle is PUT /oozie/v2/job/{bundle id}?action=bundle-rerun
// (coord-scope, date-scope, refresh, nocleanup).
func (s *Server) rerunBundle(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	sel, err := bundleRerun(q)
	if err == nil && !state.IsBundleID(id) {
		err = fmt.Errorf("bundle-rerun applies to a bundle job (an ID ending in -B), not %s", id)
	}
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	opts := scheduler.RerunOptions{Refresh: q.Get("refresh") == "true", NoCleanup: q.Get("nocleanup") == "true"}
	if err := s.operate(func(sch *scheduler.Scheduler) error { return sch.RerunBundle(r.Context(), id, sel, opts) }); err != nil {
		opError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// bundleRerun reads a bundle-rerun request: coord-scope (entry names or
// coordinator job IDs, comma-separated) and date-scope (date ranges);
// Oozie requires one of them.
func bundleRerun(q url.Values) (scheduler.BundleRerun, error) {
	var sel scheduler.BundleRerun
	if c := q.Get("coord-scope"); c != "" {
		sel.Coordinators = strings.Split(c, ",")
	}
	if d := q.Get("date-scope"); d != "" {
		ranges, err := scheduler.ParseDates(d)
		if err != nil {
			return sel, err
		}
		sel.Dates = ranges
	}
	if len(sel.Coordinators) == 0 && len(sel.Dates) == 0 {
		return sel, fmt.Errorf("bundle-rerun needs coord-scope or date-scope")
	}
	return sel, nil
}

// nativeBundles is GET /coordc/v1/bundles[?id=BUNDLE]: the
// state.BundleReport of one bundle job or every one, as `coordc status
// BUNDLE` and `coordc jobs --jobtype bundle` format them.
func (s *Server) nativeBundles(w http.ResponseWriter, r *http.Request) {
	reps, err := s.cfg.Store.BundleReports(r.Context(), r.URL.Query().Get("id"))
	if err != nil {
		readError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, reps)
}

// Bundles reads the report of one bundle job (id) or of every bundle job
// (id "") from the server.
func (c *Client) Bundles(ctx context.Context, id string) ([]state.BundleReport, error) {
	var reps []state.BundleReport
	q := url.Values{}
	if id != "" {
		q.Set("id", id)
	}
	err := c.getJSON(ctx, "/coordc/v1/bundles", q, &reps)
	return reps, err
}

// RerunBundle asks the server to rerun a bundle job (bundle-rerun).
func (c *Client) RerunBundle(ctx context.Context, id string, sel scheduler.BundleRerun, opts scheduler.RerunOptions) error {
	q := url.Values{"action": {"bundle-rerun"}, "refresh": {fmt.Sprint(opts.Refresh)}, "nocleanup": {fmt.Sprint(opts.NoCleanup)}}
	if len(sel.Coordinators) > 0 {
		q.Set("coord-scope", strings.Join(sel.Coordinators, ","))
	}
	var dates []string
	for _, d := range sel.Dates {
		dates = append(dates, oozietime.FormatDateTime(d.From)+"::"+oozietime.FormatDateTime(d.To))
	}
	if len(dates) > 0 {
		q.Set("date-scope", strings.Join(dates, ","))
	}
	resp, err := c.do(ctx, http.MethodPut, "/oozie/v2/job/"+url.PathEscape(id), q, nil, "")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
