package gatewayfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

// params holds the path parameters of a matched route.
type params map[string]string

type handlerFunc func(s *Server, w http.ResponseWriter, r *http.Request, v string, p params)

// route is one REST operation; pattern has ":name" path parameters.
type route struct {
	method  string
	pattern string
	handle  handlerFunc
}

const opPrefix = "/sessions/:session_handle/operations/:operation_handle"

// Routes lists the operations the fake serves, as "METHOD pattern".
func Routes() []string {
	var out []string
	for _, rt := range routes {
		out = append(out, rt.method+" "+rt.pattern)
	}
	return out
}

var routes = []route{
	{http.MethodGet, "/api_versions", (*Server).handleVersions},
	{http.MethodGet, "/info", (*Server).handleInfo},
	{http.MethodPost, "/sessions", (*Server).handleOpen},
	{http.MethodGet, "/sessions/:session_handle", (*Server).handleSessionConfig},
	{http.MethodDelete, "/sessions/:session_handle", (*Server).handleCloseSession},
	{http.MethodPost, "/sessions/:session_handle/heartbeat", (*Server).handleHeartbeat},
	{http.MethodPost, "/sessions/:session_handle/statements", (*Server).handleExecute},
	{http.MethodGet, opPrefix + "/status", (*Server).handleStatus},
	{http.MethodPost, opPrefix + "/cancel", (*Server).handleCancel},
	{http.MethodDelete, opPrefix + "/close", (*Server).handleCloseOp},
	{http.MethodGet, opPrefix + "/result/:token", (*Server).handleFetch},
}

// matchRoute finds the operation for method and an unprefixed path.
func matchRoute(method, path string) (route, params, string, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, rt := range routes {
		if rt.method != method {
			continue
		}
		pat := strings.Split(strings.Trim(rt.pattern, "/"), "/")
		if len(pat) != len(segs) {
			continue
		}
		p := params{}
		ok := true
		for i, seg := range pat {
			if name, isParam := strings.CutPrefix(seg, ":"); isParam {
				p[name] = segs[i]
			} else if seg != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return rt, p, rt.method + " " + rt.pattern, true
		}
	}
	return route{}, nil, method + " " + path, false
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v, path, served := s.versionOf(r.URL.Path)
	rt, p, key, ok := matchRoute(r.Method, path)
	if !served || !ok {
		flinkfake.WriteJSON(w, http.StatusNotFound, flinkfake.ErrorBody{Errors: []string{"Not found: " + r.URL.RequestURI()}})
		return
	}
	s.mu.Lock()
	s.counts[key]++
	s.mu.Unlock()
	for _, name := range []string{"session_handle", "operation_handle"} {
		if h, ok := p[name]; ok && !uuidRE.MatchString(h) {
			handlerError(w, http.StatusBadRequest, fmt.Sprintf("Invalid path parameter %s: %q is not a UUID.", name, h))
			return
		}
	}
	rt.handle(s, w, r, v, p)
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// handlerError answers like a RestHandlerException.
func handlerError(w http.ResponseWriter, status int, msg string) {
	flinkfake.WriteJSON(w, status, flinkfake.ErrorBody{Errors: []string{"org.apache.flink.runtime.rest.handler.RestHandlerException: " + msg +
		"\n\tat org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java)"}})
}

// gatewayError answers like a SqlGatewayException no handler mapped: 500
// with the server-side trace, causes as "Caused by:" lines.
func gatewayError(w http.ResponseWriter, msg string, causes ...string) {
	var b strings.Builder
	b.WriteString("org.apache.flink.table.gateway.api.utils.SqlGatewayException: " + msg)
	b.WriteString("\n\tat org.apache.flink.table.gateway.rest.handler.AbstractSqlGatewayRestHandler.respondToRequest(AbstractSqlGatewayRestHandler.java)")
	for _, c := range causes {
		b.WriteString("\nCaused by: " + c + "\n\t... 1 more")
	}
	trace := "<Exception on server side:\n" + b.String() + "\nEnd of exception on server side>"
	flinkfake.WriteJSON(w, http.StatusInternalServerError, flinkfake.ErrorBody{Errors: []string{"Internal server error.", trace}})
}

// decode reads a JSON request body strictly, as Flink's mapper does; an
// empty body decodes as {}.
func decode(w http.ResponseWriter, r *http.Request, class string, v any) bool {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(bytes.TrimSpace(raw)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		handlerError(w, http.StatusBadRequest, fmt.Sprintf("Request did not match expected format %s.", class))
		return false
	}
	return true
}

func (s *Server) handleVersions(w http.ResponseWriter, _ *http.Request, _ string, _ params) {
	var vs []string
	for _, v := range Versions {
		if v <= s.opts.Version {
			vs = append(vs, strings.ToUpper(v))
		}
	}
	flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"versions": vs})
}

func (s *Server) handleInfo(w http.ResponseWriter, _ *http.Request, _ string, _ params) {
	flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"productName": "Apache Flink", "version": "2.0-SNAPSHOT"})
}

func (s *Server) handleOpen(w http.ResponseWriter, r *http.Request, _ string, _ params) {
	var req struct {
		Properties  map[string]string `json:"properties"`
		SessionName string            `json:"sessionName"`
	}
	if !decode(w, r, "OpenSessionRequestBody", &req) {
		return
	}
	h := newUUID()
	s.mu.Lock()
	s.sessions[h] = &session{name: req.SessionName, props: cloneMap(req.Properties), ops: map[string]*operation{}}
	s.mu.Unlock()
	flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"sessionHandle": h})
}

// withSession runs f with the server locked and the session found, or
// answers that it does not exist.
func (s *Server) withSession(w http.ResponseWriter, p params, f func(x *session)) {
	s.mu.Lock()
	x, ok := s.sessions[p["session_handle"]]
	if !ok {
		s.mu.Unlock()
		gatewayError(w, fmt.Sprintf("Session '%s' does not exist.", p["session_handle"]))
		return
	}
	defer s.mu.Unlock()
	f(x)
}

func (s *Server) handleSessionConfig(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withSession(w, p, func(x *session) {
		props := map[string]string{"execution.runtime-mode": "streaming"}
		for k, v := range x.props {
			props[k] = v
		}
		flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"properties": props})
	})
}

func (s *Server) handleCloseSession(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withSession(w, p, func(x *session) {
		for _, o := range x.ops {
			if !o.status(s.clock.Now()).terminal() {
				o.canceled = true
			}
		}
		delete(s.sessions, p["session_handle"])
		flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"status": "CLOSED"})
	})
}

func (s *Server) handleHeartbeat(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withSession(w, p, func(*session) { flinkfake.WriteJSON(w, http.StatusOK, map[string]any{}) })
}

func (s *Server) handleExecute(w http.ResponseWriter, r *http.Request, _ string, p params) {
	var req struct {
		ExecutionConfig  map[string]string `json:"executionConfig"`
		ExecutionTimeout *int64            `json:"executionTimeout"`
		Statement        string            `json:"statement"`
	}
	if !decode(w, r, "ExecuteStatementRequestBody", &req) {
		return
	}
	var ex *Execution
	s.withSession(w, p, func(x *session) {
		h := newUUID()
		x.ops[h] = &operation{out: s.opts.Script(req.Statement), started: s.clock.Now()}
		ex = &Execution{Session: p["session_handle"], Operation: h, Statement: req.Statement, Config: cloneMap(req.ExecutionConfig)}
		s.executions = append(s.executions, *ex)
	})
	if ex == nil {
		return // the session does not exist: answered
	}
	if s.opts.OnExecute != nil {
		s.opts.OnExecute(*ex)
	}
	s.mu.Lock()
	drop := s.dropNext > 0
	if drop {
		s.dropNext--
	}
	s.mu.Unlock()
	if drop {
		resetConnection(w)
		return
	}
	flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"operationHandle": ex.Operation})
}

// resetConnection drops the connection without an answer.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// withOperation runs f with the session and operation found.
func (s *Server) withOperation(w http.ResponseWriter, p params, f func(x *session, o *operation)) {
	s.withSession(w, p, func(x *session) {
		o, ok := x.ops[p["operation_handle"]]
		if !ok {
			gatewayError(w, fmt.Sprintf("Can not find the submitted operation in the OperationManager with the %s.", p["operation_handle"]))
			return
		}
		f(x, o)
	})
}

type statusText string

func (t statusText) terminal() bool { return t != "RUNNING" && t != "PENDING" && t != "INITIALIZED" }

func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withOperation(w, p, func(_ *session, o *operation) {
		flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"status": o.status(s.clock.Now())})
	})
}

func (s *Server) handleCancel(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withOperation(w, p, func(_ *session, o *operation) {
		if !o.status(s.clock.Now()).terminal() {
			o.canceled = true
		}
		flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"status": o.status(s.clock.Now())})
	})
}

func (s *Server) handleCloseOp(w http.ResponseWriter, _ *http.Request, _ string, p params) {
	s.withOperation(w, p, func(x *session, o *operation) {
		if !o.status(s.clock.Now()).terminal() {
			o.canceled = true
		}
		delete(x.ops, p["operation_handle"])
		flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"status": "CLOSED"})
	})
}

func (s *Server) handleFetch(w http.ResponseWriter, r *http.Request, v string, p params) {
	token, err := strconv.ParseInt(p["token"], 10, 64)
	if err != nil || token < 0 {
		handlerError(w, http.StatusBadRequest, fmt.Sprintf("Invalid path parameter token: %q is not a non-negative long.", p["token"]))
		return
	}
	format := r.URL.Query().Get("rowFormat")
	if v != "v1" && format != "JSON" && format != "PLAIN_TEXT" {
		handlerError(w, http.StatusBadRequest, "Parameter rowFormat is mandatory and must be JSON or PLAIN_TEXT.")
		return
	}
	s.withOperation(w, p, func(_ *session, o *operation) {
		next := func(t int64) string {
			u := fmt.Sprintf("/%s/sessions/%s/operations/%s/result/%d", v, p["session_handle"], p["operation_handle"], t)
			if v != "v1" {
				u += "?rowFormat=" + format
			}
			return u
		}
		switch o.status(s.clock.Now()) {
		case "RUNNING":
			flinkfake.WriteJSON(w, http.StatusOK, map[string]any{"resultType": "NOT_READY", "isQueryResult": false,
				"resultKind": "SUCCESS", "results": map[string]any{"columns": []any{}, "data": []any{}}, "nextResultUri": next(token)})
			return
		case "ERROR":
			gatewayError(w, "Failed to fetchResults.", "org.apache.flink.table.api.TableException: "+o.out.Error)
			return
		case "CANCELED":
			gatewayError(w, "Failed to fetchResults.", "java.lang.IllegalStateException: Can not fetch results from the CANCELED operation.")
			return
		}
		cols, rows, kind, query := o.out.result()
		lo := min(int(min(token, 1<<30))*s.opts.PageSize, len(rows))
		hi := min(lo+s.opts.PageSize, len(rows))
		page := map[string]any{"isQueryResult": query, "resultKind": kind}
		if o.out.JobID != "" {
			page["jobID"] = o.out.JobID
		}
		data := []any{}
		for _, row := range rows[lo:hi] {
			fields := row
			if format == "PLAIN_TEXT" {
				fields = make([]any, len(row))
				for i, f := range row {
					fields[i] = fmt.Sprint(f)
				}
			}
			data = append(data, map[string]any{"kind": "INSERT", "fields": fields})
		}
		columns := []any{}
		for _, c := range cols {
			columns = append(columns, map[string]any{"name": c, "logicalType": map[string]any{"type": "VARCHAR", "nullable": true, "length": 2147483647}, "comment": nil})
		}
		results := map[string]any{"columns": columns, "data": data}
		if v != "v1" {
			results["rowFormat"] = format
		}
		page["results"] = results
		if lo >= len(rows) && token > 0 {
			page["resultType"] = "EOS"
		} else {
			page["resultType"] = "PAYLOAD"
			page["nextResultUri"] = next(token + 1)
		}
		flinkfake.WriteJSON(w, http.StatusOK, page)
	})
}

// result returns the columns, rows, result kind and whether the statement
// is a query.
func (o Outcome) result() ([]string, [][]any, string, bool) {
	switch {
	case len(o.Columns) > 0:
		return o.Columns, o.Rows, "SUCCESS_WITH_CONTENT", true
	case o.JobID != "":
		return []string{"job id"}, [][]any{{o.JobID}}, "SUCCESS_WITH_CONTENT", false
	}
	return []string{"result"}, [][]any{{"OK"}}, "SUCCESS", false
}
