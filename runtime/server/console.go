package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// The web console: server-rendered pages (html/template) with embedded
// CSS and one inline script (timeout countdowns); no external asset.

//go:embed console
var consoleFS embed.FS

// tokenCookie holds the token a console user typed, so the next button
// needs it no more.
const tokenCookie = "coordc_token"

// consolePage sizes.
const (
	consoleJobsLen    = 50
	consoleActionsLen = 500
)

// consoleTemplates are parsed on first use, so commands that never serve
// the console do not pay for parsing them at start-up.
var consoleTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"fmtTime": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.UTC().Format("2006-01-02 15:04Z")
		},
		"op": func(label, action, id string, danger, needToken bool) map[string]any {
			return map[string]any{"Label": label, "Action": action, "ID": id, "Danger": danger, "NeedToken": needToken}
		},
	}).ParseFS(consoleFS, "console/*.html"))
})

func (s *Server) consoleRoutes() {
	consoleTemplates() // parse now: a server with a broken template does not start
	static, _ := fs.Sub(consoleFS, "console")
	s.mux.Handle("GET /console/static/style.css", http.StripPrefix("/console/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/console/jobs", http.StatusFound) })
	s.mux.HandleFunc("GET /console/{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/console/jobs", http.StatusFound) })
	s.mux.HandleFunc("GET /console/jobs", s.consoleJobs)
	s.mux.HandleFunc("GET /console/job/{id}", s.consoleJob)
	s.mux.HandleFunc("GET /console/action/{id}", s.consoleAction)
	s.mux.HandleFunc("POST /console/job/{id}/{op}", s.consoleOp)
	s.mux.HandleFunc("POST /console/action/{id}/{op}", s.consoleOp)
}

// page is what every console page shows.
type page struct {
	Title, Version string
	Flash          string
	FlashErr       bool
	NeedToken      bool
}

func (s *Server) page(r *http.Request, title string) page {
	p := page{Title: title, Version: s.cfg.Version, Flash: r.URL.Query().Get("msg"), FlashErr: r.URL.Query().Get("err") != ""}
	if p.Flash == "" && p.FlashErr {
		p.Flash = r.URL.Query().Get("err")
	}
	p.NeedToken = s.cfg.Token != "" && !s.authorized(r)
	return p
}

func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var b bytes.Buffer
	if err := consoleTemplates().ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "rendering the page failed: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'self'")
	w.Write(b.Bytes())
}

// consoleError shows an error page with status.
func (s *Server) consoleError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// consoleReadError shows a failed read: 404 for an unknown job or
// action, 500 otherwise.
func (s *Server) consoleReadError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	if isNotFound(err) {
		status = http.StatusNotFound
	}
	s.consoleError(w, status, err.Error())
}

// intParam reads a non-negative integer query parameter (def when absent
// or not a number), at most max.
func intParam(q url.Values, name string, def, max int) int {
	n, err := strconv.Atoi(q.Get(name))
	if err != nil || n < 0 {
		return def
	}
	if n > max {
		return max
	}
	return n
}

func (s *Server) consoleJobs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	status, name := q.Get("status"), strings.TrimSpace(q.Get("name"))
	length := intParam(q, "len", consoleJobsLen, maxLen)
	if length == 0 {
		length = consoleJobsLen
	}
	offset := intParam(q, "offset", 1, 1<<30)
	if offset == 0 {
		offset = 1
	}
	jobs, err := s.cfg.Store.ListJobs(r.Context())
	if err != nil {
		s.consoleError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var match []state.Job
	for i := len(jobs) - 1; i >= 0; i-- { // newest first
		j := jobs[i]
		if (status == "" || string(j.Status) == status) && (name == "" || strings.Contains(j.AppName, name)) {
			match = append(match, j)
		}
	}
	data := struct {
		page
		Statuses             []state.JobStatus
		Status, Name         string
		Jobs                 []state.Job
		Len, From, To, Total int
		Prev, Next           string
	}{page: s.page(r, "Jobs"), Statuses: state.JobStatuses, Status: status, Name: name, Len: length, Total: len(match)}
	lo := min(offset-1, len(match))
	hi := min(lo+length, len(match))
	data.Jobs = match[lo:hi]
	data.From, data.To = lo+1, hi
	if lo == hi {
		data.From = lo
	}
	link := func(off int) string {
		v := url.Values{"offset": {strconv.Itoa(off)}, "len": {strconv.Itoa(length)}}
		if status != "" {
			v.Set("status", status)
		}
		if name != "" {
			v.Set("name", name)
		}
		return "/console/jobs?" + v.Encode()
	}
	if lo > 0 {
		data.Prev = link(max(1, offset-length))
	}
	if hi < len(match) {
		data.Next = link(offset + length)
	}
	s.render(w, "jobs.html", data)
}

// gridAction is one cell of the coordinator grid.
type gridAction struct {
	ID, Local, Missing, Deadline, Left string
	Number                             int
	Status                             state.ActionStatus
}

// gridDay is one row of the grid: the actions of one local day.
type gridDay struct {
	Day     string
	DST     string // "UTC+01:00 → UTC+02:00" on a transition day
	Actions []gridAction
}

func (s *Server) consoleJob(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	j, err := s.cfg.Store.GetJob(ctx, r.PathValue("id"))
	if err != nil {
		s.consoleReadError(w, err)
		return
	}
	length := intParam(q, "len", consoleActionsLen, maxLen)
	if length == 0 {
		length = consoleActionsLen
	}
	offset := max(intParam(q, "offset", 1, 1<<30), 1)
	desc := q.Get("order") == "desc"
	status := q.Get("status")
	var statuses []state.ActionStatus
	if status != "" {
		statuses = []state.ActionStatus{state.ActionStatus(status)}
	}
	acts, total, err := actionPage(ctx, s.cfg.Store, j, statuses, offset, length, desc)
	if err != nil {
		s.consoleError(w, http.StatusInternalServerError, err.Error())
		return
	}
	counts, err := s.cfg.Store.CountByStatus(ctx, j.ID, state.ActionStatuses...)
	if err != nil {
		s.consoleError(w, http.StatusInternalServerError, err.Error())
		return
	}
	loc, err := time.LoadLocation(j.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	type count struct {
		Status state.ActionStatus
		N      int
	}
	data := struct {
		page
		Job                  state.Job
		Counts               []count
		ActionStatuses       []state.ActionStatus
		Status               string
		Desc                 bool
		Days                 []gridDay
		Waiting              []gridAction
		Len, From, To, Total int
		Prev, Next           string
	}{page: s.page(r, j.AppName), Job: j, ActionStatuses: state.ActionStatuses, Status: status, Desc: desc, Len: length, Total: total}
	for _, st := range state.ActionStatuses {
		if counts[st] > 0 {
			data.Counts = append(data.Counts, count{st, counts[st]})
		}
	}
	now := time.Now()
	for _, a := range acts {
		local := a.Nominal.In(loc)
		ga := gridAction{ID: a.ID, Number: a.Number, Status: a.Status, Local: local.Format("2006-01-02 15:04 -07:00"), Missing: a.MissingDependencies}
		day := local.Format("2006-01-02 Mon")
		if n := len(data.Days); n == 0 || data.Days[n-1].Day != day {
			data.Days = append(data.Days, gridDay{Day: day, DST: dstChange(local)})
		}
		d := &data.Days[len(data.Days)-1]
		d.Actions = append(d.Actions, ga)
		if a.Status == state.Waiting {
			if a.Timeout > 0 {
				due := a.Nominal
				if a.Created.After(due) {
					due = a.Created
				}
				deadline := due.Add(time.Duration(a.Timeout) * time.Minute)
				ga.Deadline = deadline.UTC().Format(time.RFC3339)
				ga.Left = "timeout due"
				if left := deadline.Sub(now).Truncate(time.Second); left > 0 {
					ga.Left = left.String()
				}
			}
			data.Waiting = append(data.Waiting, ga)
		}
	}
	data.From, data.To = offset, offset+len(acts)-1
	if len(acts) == 0 {
		data.From, data.To = 0, 0
	}
	link := func(off int) string {
		v := url.Values{"offset": {strconv.Itoa(off)}, "len": {strconv.Itoa(length)}}
		if status != "" {
			v.Set("status", status)
		}
		if desc {
			v.Set("order", "desc")
		}
		return "/console/job/" + url.PathEscape(j.ID) + "?" + v.Encode()
	}
	if offset > 1 {
		data.Prev = link(max(1, offset-length))
	}
	if offset+length <= total {
		data.Next = link(offset + length)
	}
	s.render(w, "job.html", data)
}

// dstChange describes the UTC offset change on the local day of t, ""
// when the day has none.
func dstChange(t time.Time) string {
	loc := t.Location()
	start := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	end := time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
	_, o1 := start.Zone()
	_, o2 := end.Zone()
	if o1 == o2 {
		return ""
	}
	return offsetName(o1) + " → " + offsetName(o2)
}

func offsetName(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, sec/3600, sec%3600/60)
}

func (s *Server) consoleAction(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	a, err := s.cfg.Store.GetAction(ctx, id)
	if err != nil {
		s.consoleReadError(w, err)
		return
	}
	j, err := s.cfg.Store.GetJob(ctx, a.JobID)
	if err != nil {
		s.consoleError(w, http.StatusInternalServerError, err.Error())
		return
	}
	loc, err := time.LoadLocation(j.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	runs, err := actionlog.Runs(ctx, s.cfg.Store.ReadDB(), a.ID)
	if err != nil {
		s.consoleError(w, http.StatusInternalServerError, err.Error())
		return
	}
	pol := s.policy(ctx, j)
	var logs bytes.Buffer
	rw := redact.NewWriter(&logs, pol)
	if err := actionlog.Write(ctx, rw, s.cfg.Store, a.ID, s.logRoot(a.JobID)); err != nil {
		fmt.Fprintf(rw, "cannot read the logs: %v\n", err)
	}
	rw.Flush()
	a = maskAction(a, pol)
	type kv struct{ K, V string }
	var conf []kv
	var m map[string]string
	if json.Unmarshal([]byte(a.RunConf), &m) == nil {
		for k, v := range m {
			conf = append(conf, kv{k, v})
		}
		sort.Slice(conf, func(i, j int) bool { return conf[i].K < conf[j].K })
	}
	data := struct {
		page
		Action state.Action
		Local  string
		Runs   []actionlog.Run
		Conf   []kv
		Logs   string
	}{page: s.page(r, a.ID), Action: a, Local: a.Nominal.In(loc).Format("Mon 2006-01-02 15:04 -07:00 MST"), Runs: runs, Conf: conf, Logs: logs.String()}
	s.render(w, "action.html", data)
}

// consoleOp runs a button: kill, suspend, resume of a job; kill, rerun of
// an action. Same authorization as the API (the token, from the form or
// the cookie), and same-origin only.
func (s *Server) consoleOp(w http.ResponseWriter, r *http.Request) {
	id, op := r.PathValue("id"), r.PathValue("op")
	back := "/console/job/" + url.PathEscape(id)
	if strings.Contains(r.URL.Path, "/console/action/") {
		back = "/console/action/" + url.PathEscape(id)
	}
	if !sameOrigin(r) {
		s.consoleError(w, http.StatusForbidden, "cross-site request refused")
		return
	}
	if s.cfg.Token != "" && !s.authorized(r) {
		if tok := r.PostFormValue("token"); tok != "" {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
		if !s.authorized(r) {
			http.Redirect(w, r, back+"?err="+url.QueryEscape("not authorized: give the server's token"), http.StatusSeeOther)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/console/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	}
	job, num, err := splitActionID(id)
	if err != nil {
		s.consoleError(w, http.StatusBadRequest, err.Error())
		return
	}
	var run func(sch *scheduler.Scheduler) error
	ctx := r.Context()
	switch {
	case num == 0 && op == "kill":
		run = func(sch *scheduler.Scheduler) error { return sch.Kill(ctx, job) }
	case num == 0 && op == "suspend":
		run = func(sch *scheduler.Scheduler) error { return sch.Suspend(ctx, job) }
	case num == 0 && op == "resume":
		run = func(sch *scheduler.Scheduler) error { return sch.Resume(ctx, job) }
	case num > 0 && op == "kill":
		run = func(sch *scheduler.Scheduler) error {
			return sch.KillActions(ctx, job, scheduler.Selection{Numbers: []int{num}})
		}
	case num > 0 && op == "rerun":
		run = func(sch *scheduler.Scheduler) error {
			return sch.Rerun(ctx, job, scheduler.Selection{Numbers: []int{num}}, scheduler.RerunOptions{})
		}
	default:
		s.consoleError(w, http.StatusNotFound, "no such operation")
		return
	}
	if err := s.operate(run); err != nil {
		http.Redirect(w, r, back+"?err="+url.QueryEscape(err.Error()), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, back+"?msg="+url.QueryEscape(id+": "+op+" done"), http.StatusSeeOther)
}

// sameOrigin refuses browser requests from another site: the Origin (or
// Referer) host must be the request's host; Sec-Fetch-Site cross-site is
// refused.
func sameOrigin(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	src := r.Header.Get("Origin")
	if src == "" || src == "null" {
		src = r.Header.Get("Referer")
	}
	if src == "" {
		return true // not a browser form (curl, tests)
	}
	u, err := url.Parse(src)
	return err == nil && u.Host == r.Host
}
