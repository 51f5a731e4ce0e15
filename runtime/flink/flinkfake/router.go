package flinkfake

import (
	"fmt"
	"net/http"
	"strings"
)

// params holds the path parameters of a matched route, ids lower-cased.
type params map[string]string

type handlerFunc func(s *Server, w http.ResponseWriter, r *http.Request, p params)

// route is one REST operation; pattern is written as in Flink's snapshot,
// with ":name" path parameters.
type route struct {
	method  string
	pattern string
	handle  handlerFunc
}

// routes lists the operations the fake serves. Anything else is answered
// with the router's 404, as a JobManager answers an unknown path.
var routes = []route{
	{http.MethodGet, "/overview", (*Server).handleOverview},
	{http.MethodGet, "/jars", (*Server).handleJarList},
	{http.MethodPost, "/jars/upload", (*Server).handleJarUpload},
	{http.MethodDelete, "/jars/:jarid", (*Server).handleJarDelete},
	{http.MethodPost, "/jars/:jarid/run", (*Server).handleJarRun},
	{http.MethodGet, "/jobs", (*Server).handleJobList},
	{http.MethodGet, "/jobs/overview", (*Server).handleJobsOverview},
	{http.MethodGet, "/jobs/:jobid/status", (*Server).handleJobStatus},
	{http.MethodGet, "/jobs/:jobid/exceptions", (*Server).handleJobExceptions},
	{http.MethodPatch, "/jobs/:jobid", (*Server).handleJobCancel},
	{http.MethodPost, "/jobs/:jobid/stop", (*Server).handleStop},
	{http.MethodGet, "/jobs/:jobid/savepoints/:triggerid", (*Server).handleSavepointStatus},
}

// matchRoute finds the operation for method and path. The returned key names
// the operation ("GET /jobs/:jobid/status") or, when nothing matched, the
// request itself; it is what request counters and faults are keyed by.
func matchRoute(method, path string) (route, params, string, bool) {
	if rest, ok := strings.CutPrefix(path, "/v1/"); ok {
		path = "/" + rest
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, rt := range routes {
		if rt.method != method {
			continue
		}
		if p, ok := matchSegments(strings.Split(strings.Trim(rt.pattern, "/"), "/"), segs); ok {
			return rt, p, rt.method + " " + rt.pattern, true
		}
	}
	return route{}, nil, method + " " + path, false
}

func matchSegments(pattern, segs []string) (params, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	p := params{}
	for i, ps := range pattern {
		if name, ok := strings.CutPrefix(ps, ":"); ok {
			if segs[i] == "" {
				return nil, false
			}
			p[name] = segs[i]
			continue
		}
		if ps != segs[i] {
			return nil, false
		}
	}
	return p, true
}

// checkParams converts the 32-hex-digit ids the way JobID/TriggerId parsing
// does and answers 400 when one does not parse.
func checkParams(w http.ResponseWriter, p params) bool {
	for _, name := range []string{"jobid", "triggerid"} {
		v, ok := p[name]
		if !ok {
			continue
		}
		if !isHex32(v) {
			handlerError(w, http.StatusBadRequest, "org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java)",
				fmt.Sprintf("Bad request, could not parse parameters: Cannot resolve path parameter (%s) from value %q.", name, v))
			return false
		}
		p[name] = strings.ToLower(v)
	}
	return true
}

// isHex32 reports whether s is 32 hexadecimal digits (either case, as
// Flink's hex parser accepts).
func isHex32(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
