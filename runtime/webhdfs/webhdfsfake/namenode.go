package webhdfsfake

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// webhdfsPrefix starts every WebHDFS request path.
const webhdfsPrefix = "/webhdfs/v1"

// opParams lists, per HTTP method, the Java enum that parses the op
// parameter and the values it knows (Hadoop's {Get,Put,Post,Delete}OpParam).
var opParams = map[string]struct {
	enum string
	ops  []string
}{
	http.MethodGet: {"GetOpParam", []string{"OPEN", "GETFILESTATUS", "LISTSTATUS", "LISTSTATUS_BATCH",
		"GETCONTENTSUMMARY", "GETQUOTAUSAGE", "GETFILECHECKSUM", "GETHOMEDIRECTORY", "GETDELEGATIONTOKEN",
		"CHECKACCESS", "GETTRASHROOT", "GETSERVERDEFAULTS", "GETSTATUS"}},
	http.MethodPut: {"PutOpParam", []string{"CREATE", "MKDIRS", "RENAME", "SETTIMES", "SETPERMISSION",
		"SETOWNER", "SETREPLICATION", "RENEWDELEGATIONTOKEN", "CANCELDELEGATIONTOKEN"}},
	http.MethodPost:   {"PostOpParam", []string{"APPEND", "CONCAT", "TRUNCATE"}},
	http.MethodDelete: {"DeleteOpParam", []string{"DELETE", "DELETESNAPSHOT"}},
}

// checkOp validates the op parameter as Jersey and EnumParam do: an
// unknown value is a 400 IllegalArgumentException naming the enum, a
// missing one is the NULL op, which no handler serves.
func (s *Server) checkOp(method, op string) *remote {
	p, ok := opParams[method]
	if !ok {
		return newRemote(exUnsupported, method+" is not supported")
	}
	if op == "" {
		return newRemote(exUnsupported, "op=NULL is not supported")
	}
	known := false
	for _, o := range p.ops {
		known = known || o == op
	}
	if !known || (op == "LISTSTATUS_BATCH" && s.opts.NoListBatch) {
		return newRemote(exIllegalArg, fmt.Sprintf(
			"Invalid value for webhdfs parameter \"op\": No enum constant org.apache.hadoop.hdfs.web.resources.%s.Op.%s",
			p.enum, op))
	}
	return nil
}

// serveNameNode answers a request to NameNode nn.
func (s *Server) serveNameNode(w http.ResponseWriter, r *http.Request, req Request, nn int) {
	if !validPrefix(r.URL.Path) {
		http.NotFound(w, r)
		return
	}
	if rerr := s.checkOp(r.Method, req.Op); rerr != nil {
		writeRemote(w, nnJSON, rerr)
		return
	}
	who, ok := s.identify(w, req.Query, nnJSON)
	if !ok {
		return
	}
	v, rerr := s.runLocked(r.Method, req, who, nn)
	switch {
	case rerr != nil:
		writeRemote(w, nnJSON, rerr)
	case req.Op == "OPEN" || req.Op == "CREATE" || req.Op == "APPEND":
		s.redirect(w, req, who)
	default:
		writeJSON(w, nnJSON, v)
	}
}

// runLocked runs the operation under the server lock; a standby
// NameNode refuses it.
func (s *Server) runLocked(method string, req Request, who principal, nn int) (any, *remote) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.active != nn {
		category := "WRITE"
		if method == http.MethodGet {
			category = "READ"
		}
		return nil, newRemote(exStandby, "Operation category "+category+
			" is not supported in state standby. Visit https://s.apache.org/sbnn-error")
	}
	return s.nameNodeOp(req, who)
}

// validPrefix reports whether p is under /webhdfs/v1.
func validPrefix(p string) bool {
	rest, ok := strings.CutPrefix(p, webhdfsPrefix)
	return ok && (rest == "" || rest[0] == '/')
}

// nameNodeOp runs one operation on the tree and returns the JSON answer.
// The caller holds s.mu.
func (s *Server) nameNodeOp(req Request, who principal) (any, *remote) {
	p, q := req.Path, req.Query
	switch req.Op {
	case "GETFILESTATUS":
		n := s.tree.lookup(p)
		if n == nil {
			return nil, newRemote(exFileNotFound, "File does not exist: "+p)
		}
		return map[string]any{"FileStatus": fileStatus(n, "")}, nil
	case "LISTSTATUS":
		list, _, rerr := s.list(p, who, "", -1)
		return map[string]any{"FileStatuses": map[string]any{"FileStatus": list}}, rerr
	case "LISTSTATUS_BATCH":
		list, remaining, rerr := s.list(p, who, q.Get("startAfter"), s.opts.ListLimit)
		return map[string]any{"DirectoryListing": map[string]any{
			"partialListing":   map[string]any{"FileStatuses": map[string]any{"FileStatus": list}},
			"remainingEntries": remaining,
		}}, rerr
	case "GETHOMEDIRECTORY":
		return map[string]string{"Path": "/user/" + who.user}, nil
	case "MKDIRS":
		return s.mkdirs(p, who, q)
	case "RENAME":
		return s.rename(p, who, q)
	case "DELETE":
		return s.delete(p, who, q)
	case "OPEN", "APPEND":
		return nil, s.checkReadable(req, who)
	case "CREATE":
		if _, rerr := parsePermission(q, defaultFilePerm); rerr != nil {
			return nil, rerr
		}
		_, rerr := parseBool(q, "overwrite")
		return nil, rerr
	}
	return nil, newRemote(exUnsupported, "op="+req.Op+" is not supported")
}

// list returns the FileStatus entries of p after startAfter, at most
// limit of them (limit < 0: all), and how many remain. A file lists as
// itself with an empty pathSuffix.
func (s *Server) list(p string, who principal, startAfter string, limit int) ([]map[string]any, int, *remote) {
	n := s.tree.lookup(p)
	if n == nil {
		return nil, 0, newRemote(exFileNotFound, "File "+p+" does not exist.")
	}
	if !n.dir {
		return []map[string]any{fileStatus(n, "")}, 0, nil
	}
	if rerr := s.checkAccess(who.user, n, p, accRead); rerr != nil {
		return nil, 0, rerr
	}
	children := n.sortedChildren()
	from := sort.Search(len(children), func(i int) bool { return children[i].name > startAfter })
	children = children[from:]
	remaining := 0
	if limit >= 0 && len(children) > limit {
		remaining = len(children) - limit
		children = children[:limit]
	}
	out := make([]map[string]any, 0, len(children))
	for _, c := range children {
		out = append(out, fileStatus(c, c.name))
	}
	return out, remaining, nil
}

// checkReadable is the NameNode leg of OPEN and APPEND: the file must
// exist and the offset and length parameters must be valid.
func (s *Server) checkReadable(req Request, who principal) *remote {
	n := s.tree.lookup(req.Path)
	if n == nil {
		return newRemote(exFileNotFound, "File does not exist: "+req.Path)
	}
	if n.dir {
		return newRemote(exFileNotFound, "Path is not a file: "+req.Path)
	}
	if req.Op == "APPEND" {
		return nil
	}
	for _, name := range []string{"offset", "length"} {
		if _, rerr := parseNonNegative(req.Query, name); rerr != nil {
			return rerr
		}
	}
	return s.checkAccess(who.user, n, req.Path, accRead)
}

// redirect answers a data operation with the DataNode URL: a 307, or 200
// {"Location": …} when noredirect=true. The URL carries the caller's
// identity and namenoderpcaddress, then the remaining parameters sorted.
func (s *Server) redirect(w http.ResponseWriter, req Request, who principal) {
	loc := s.dn.URL + webhdfsPrefix + (&url.URL{Path: req.Path}).EscapedPath() + "?op=" + req.Op
	if who.token != "" {
		loc += "&delegation=" + url.QueryEscape(who.token)
	} else {
		loc += "&user.name=" + url.QueryEscape(who.user)
	}
	loc += "&namenoderpcaddress=" + url.QueryEscape(s.opts.Nameservice)
	rest := url.Values{}
	for _, k := range []string{"blocksize", "buffersize", "length", "offset", "overwrite", "permission", "replication"} {
		if req.Query.Has(k) {
			rest[k] = req.Query[k]
		}
	}
	if len(rest) > 0 {
		loc += "&" + rest.Encode()
	}
	if req.Query.Get("noredirect") == "true" {
		writeJSON(w, nnJSON, map[string]string{"Location": loc})
		return
	}
	w.Header().Set("Location", loc)
	writeEmpty(w, http.StatusTemporaryRedirect)
}
