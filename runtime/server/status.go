package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// The read endpoints behind `coordc status --server`: the same rows the
// CLI reads from the state database, masked as the CLI masks them, so both
// print the same bytes.

// StatusQuery is status's paging and filter (Oozie's job -info options):
// the filter text as state.ParseActionFilter reads it, the 1-based offset,
// the page length (0: all) and the order.
type StatusQuery struct {
	Filter string
	Offset int
	Len    int
	Desc   bool
}

// values is q as the query of GET /coordc/v1/status.
func (q StatusQuery) values() url.Values {
	v := url.Values{"offset": {strconv.Itoa(q.Offset)}, "len": {strconv.Itoa(q.Len)}, "order": {"asc"}}
	if q.Filter != "" {
		v.Set("filter", q.Filter)
	}
	if q.Desc {
		v.Set("order", "desc")
	}
	return v
}

// statusFilter reads the query of GET /coordc/v1/status: filter, offset
// (default 1), len (default state.DefaultActionsLen, 0: all) and order.
func statusFilter(q url.Values) (state.ActionFilter, error) {
	f, err := state.ParseActionFilter(q.Get("filter"))
	if err != nil {
		return f, err
	}
	f.Offset, f.Len = 1, state.DefaultActionsLen
	for name, p := range map[string]*int{"offset": &f.Offset, "len": &f.Len} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return f, fmt.Errorf("%s %q is not a number ≥ 0", name, v)
			}
			*p = n
		}
	}
	switch q.Get("order") {
	case "", "asc":
	case "desc":
		f.Desc = true
	default:
		return f, fmt.Errorf("invalid order %q (asc or desc)", q.Get("order"))
	}
	return f, nil
}

// MaskReport masks the secret values pol knows in a status report's
// messages: the one masking of status, on the state database and in the
// server alike.
func MaskReport(rep *state.Report, pol *redact.Policy) {
	if pol == nil {
		return
	}
	for i := range rep.Jobs {
		for k := range rep.Jobs[i].Actions {
			a := &rep.Jobs[i].Actions[k]
			a.ErrorMessage = pol.Text(a.ErrorMessage)
		}
	}
}

// nativeStatus is GET /coordc/v1/status[?job=ID&filter=&offset=&len=&
// order=]: the state.Report of one job or every job, each with a page of
// its matching actions and their count in Total.
func (s *Server) nativeStatus(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := statusFilter(q)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeJobFilter, "invalid status filter, "+err.Error())
		return
	}
	rep, totals, err := s.cfg.Store.FilteredStatus(r.Context(), q.Get("job"), f)
	if err != nil {
		readError(w, err)
		return
	}
	for i := range rep.Jobs {
		rep.Jobs[i].Total = totals[i]
	}
	MaskReport(&rep, s.allJobsPolicy(r.Context()))
	writeJSON(w, http.StatusOK, rep)
}

// nativeJob is GET /coordc/v1/job/{id}: one job row (state.Job), masked.
func (s *Server) nativeJob(w http.ResponseWriter, r *http.Request) {
	j, err := s.cfg.Store.GetJob(r.Context(), r.PathValue("id"))
	if err != nil {
		readError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, maskJob(j, s.policy(r.Context(), j)))
}

// nativeActions is GET /coordc/v1/actions/{id}?action=SCOPE: the job's
// actions with those numbers (state.Action), number order, masked.
func (s *Server) nativeActions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	nums := []int{}
	if scope := r.URL.Query().Get("action"); scope != "" {
		var err error
		if nums, err = scheduler.ParseActions(scope); err != nil {
			oozieError(w, http.StatusBadRequest, codeInvalidParam, "action: "+err.Error())
			return
		}
	}
	j, err := s.cfg.Store.GetJob(r.Context(), id)
	if err != nil {
		readError(w, err)
		return
	}
	acts, err := s.cfg.Store.ActionsByNumber(r.Context(), id, nums)
	if err != nil {
		readError(w, err)
		return
	}
	pol := s.policy(r.Context(), j)
	out := make([]state.Action, 0, len(acts))
	for _, a := range acts {
		out = append(out, maskAction(a, pol))
	}
	writeJSON(w, http.StatusOK, out)
}

// ActionAnswer is GET /coordc/v1/action/{JOB@N}: the action, its workflow
// runs with their nodes, and (verbose=true) each node's launcher record as
// actionlog.WriteNode prints it, read inside the job's log directory;
// everything masked.
type ActionAnswer struct {
	Action state.Action    `json:"action"`
	Runs   []actionlog.Run `json:"runs"`
	Nodes  [][]string      `json:"nodes,omitempty"`
}

// nativeAction is GET /coordc/v1/action/{id}[?verbose=true].
func (s *Server) nativeAction(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	job, _, _ := strings.Cut(id, "@")
	a, err := s.cfg.Store.GetAction(ctx, id)
	if err != nil {
		readError(w, err)
		return
	}
	runs, err := actionlog.Runs(ctx, s.cfg.Store.ReadDB(), id)
	if err != nil {
		readError(w, err)
		return
	}
	pol := s.jobPolicy(ctx, job)
	ans := ActionAnswer{Action: maskAction(a, pol), Runs: runs}
	verbose := r.URL.Query().Get("verbose") == "true"
	for i, run := range runs {
		var texts []string
		for k, n := range run.Nodes {
			if verbose {
				var buf bytes.Buffer
				rw := redact.NewWriter(&buf, pol)
				actionlog.WriteNode(rw, run, n, s.logRoot(job))
				rw.Flush()
				texts = append(texts, buf.String())
			}
			runs[i].Nodes[k].ErrorMessage = pol.Text(n.ErrorMessage)
		}
		runs[i].Conf = maskConf(run.Conf, pol)
		if verbose {
			ans.Nodes = append(ans.Nodes, texts)
		}
	}
	writeJSON(w, http.StatusOK, ans)
}
