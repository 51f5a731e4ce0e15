package webhdfsfake

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// serveDataNode answers the second leg of OPEN, CREATE and APPEND, as the
// DataNode's WebHdfsHandler does: the request must carry the
// namenoderpcaddress the NameNode put into the redirect.
func (s *Server) serveDataNode(w http.ResponseWriter, r *http.Request, req Request) {
	if !validPrefix(r.URL.Path) {
		http.NotFound(w, r)
		return
	}
	want := map[string]string{"OPEN": http.MethodGet, "CREATE": http.MethodPut, "APPEND": http.MethodPost}[req.Op]
	if want == "" || want != r.Method {
		writeRemote(w, dnJSON, newRemote(exIllegalArg, "Invalid operation "+r.Method+" "+req.Op))
		return
	}
	if req.Query.Get("namenoderpcaddress") == "" {
		writeRemote(w, dnJSON, invalidParam("namenoderpcaddress", "namenoderpcaddress is not specified."))
		return
	}
	who, ok := s.identify(w, req.Query, dnJSON)
	if !ok {
		return
	}
	var body []byte
	if r.Method != http.MethodGet {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return // the client went away mid-upload; nothing was written
		}
		body = b
	}
	data, rerr := s.dataNodeOp(req, who, body)
	switch {
	case rerr != nil:
		writeRemote(w, dnJSON, rerr)
	case req.Op == "OPEN":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(data)
	case req.Op == "CREATE":
		w.Header().Set("Location", "hdfs://"+req.Query.Get("namenoderpcaddress")+req.Path)
		writeEmpty(w, http.StatusCreated)
	default:
		writeEmpty(w, http.StatusOK)
	}
}

// dataNodeOp reads or writes file data under the server lock. For OPEN it
// returns a copy of the requested range.
func (s *Server) dataNodeOp(req Request, who principal, body []byte) ([]byte, *remote) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, q := req.Path, req.Query
	switch req.Op {
	case "OPEN":
		n := s.tree.lookup(p)
		if n == nil || n.dir {
			return nil, newRemote(exFileNotFound, "File does not exist: "+p)
		}
		return readRange(n.data, q)
	case "CREATE":
		perm, rerr := parsePermission(q, defaultFilePerm)
		if rerr != nil {
			return nil, rerr
		}
		overwrite, rerr := parseBool(q, "overwrite")
		if rerr != nil {
			return nil, rerr
		}
		if rerr := s.checkCreateAccess(who, p); rerr != nil {
			return nil, rerr
		}
		f, rerr := s.tree.createFile(p, who.user, perm, overwrite)
		if rerr != nil {
			return nil, rerr
		}
		f.data = body
		return nil, nil
	default: // APPEND
		n := s.tree.lookup(p)
		if n == nil || n.dir {
			return nil, newRemote(exFileNotFound, "Failed to append to non-existent file "+p+" for client 127.0.0.1")
		}
		if rerr := s.checkAccess(who.user, n, p, accWrite); rerr != nil {
			return nil, rerr
		}
		n.data = append(n.data, body...)
		n.mtime = s.tree.now()
		return nil, nil
	}
}

// readRange applies the offset and length parameters of OPEN.
func readRange(data []byte, q url.Values) ([]byte, *remote) {
	offset, rerr := parseNonNegative(q, "offset")
	if rerr != nil {
		return nil, rerr
	}
	length, rerr := parseNonNegative(q, "length")
	if rerr != nil {
		return nil, rerr
	}
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		return nil, newRemote(exIO, "Offset="+strconv.FormatInt(offset, 10)+
			" out of the range [0, "+strconv.Itoa(len(data))+"]")
	}
	end := int64(len(data))
	if length >= 0 && offset+length < end {
		end = offset + length
	}
	return append([]byte(nil), data[offset:end]...), nil
}
