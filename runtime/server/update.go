package server

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
	"github.com/hashicorp/hcl/v2"
)

// UpdateAnswer is the body of PUT /oozie/v2/job/{id}?action=update
// (Oozie's {"update": {"diff": …}}): the plan diff of the actions left, in
// `coordc plan --against`'s text form.
type UpdateAnswer struct {
	Update struct {
		Diff string `json:"diff"`
	} `json:"update"`
}

// updateJob is Oozie's coordinator update: the body, when there is one, is
// a configuration whose oozie.coord.application.path names the new
// definition on the server (default: the job's own) and whose other
// properties replace the job's (default: the stored ones). dryrun=true
// only answers the diff; otherwise the job runs the new definition from
// its next materialization on. coordc's count=N caps the actions compared.
func (s *Server) updateJob(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	if _, num, err := splitActionID(id); err != nil || num > 0 {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, "update applies to a coordinator job ID, not "+id)
		return
	}
	dryRun := q.Get("dryrun") == "true"
	count := 0
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("count %q is not a number ≥ 0", v))
			return
		}
		count = n
	}
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	var props map[string]string
	var err error
	if len(bytes.TrimSpace(data)) > 0 {
		if props, err = ParseConfiguration(data); err != nil {
			oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
			return
		}
	}
	file := ""
	if p := props[propCoordPath]; p != "" {
		if file, err = localPath(p); err != nil {
			oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
			return
		}
	}
	for _, p := range []string{propCoordPath, propBundlePath, propWfPath, "user.name"} {
		delete(props, p)
	}
	opts := compiler.Options{}
	for _, k := range slices.Sorted(maps.Keys(props)) {
		opts.Defines = append(opts.Defines, k+"="+props[k])
	}
	s.opMu.Lock()
	defer s.opMu.Unlock()
	ctx := r.Context()
	u, diags, err := submit.LoadUpdate(ctx, s.cfg.Store, id, file, opts)
	switch {
	case errors.Is(err, state.ErrNotFound):
		readError(w, err)
		return
	case err != nil:
		oozieError(w, http.StatusBadRequest, codeBadConf, err.Error())
		return
	case diags.HasErrors():
		var errs hcl.Diagnostics
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				errs = append(errs, d)
			}
		}
		s.refuse(w, SubmitResult{Diags: errs, Sources: u.Result.Sources}, submit.SecretPolicy(u.Result.Project))
		return
	}
	pol := submit.SecretPolicy(u.Result.Project)
	var ans UpdateAnswer
	var diff bytes.Buffer
	rw := redact.NewWriter(&diff, pol)
	sch := s.cfg.NewScheduler()
	_, err = u.Diff(ctx, sch, rw, count)
	if err == nil {
		err = rw.Flush()
	}
	if err != nil && dryRun {
		opError(w, err)
		return
	}
	// An update whose diff cannot be made is still tried: Update refuses
	// what it must.
	ans.Update.Diff = diff.String()
	if !dryRun {
		if err := u.Apply(ctx, sch); err != nil {
			opError(w, err)
			return
		}
		s.wake()
	}
	writeJSON(w, http.StatusOK, ans)
}
