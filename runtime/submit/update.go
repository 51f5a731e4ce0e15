package submit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/hashicorp/hcl/v2"
)

// Update is a job's new definition, compiled: Oozie's -update before it is
// applied (Apply) or shown (Diff).
type Update struct {
	Job   state.Job
	File  string // the definition file, absolute
	Coord *ir.Coordinator
	// Result is the compile (its Project and Sources, for secrets and
	// diagnostics).
	Result *compiler.Result
}

// LoadUpdate compiles file (the job's own definition path when "") with
// opts; when opts give no properties at all, the job's stored properties
// are used, as Oozie's -update without -config does. Diagnostics with
// errors are the user's definitions; the error is a job that does not
// exist, unreadable stored properties, or a file without the job's
// coordinator.
func LoadUpdate(ctx context.Context, st *state.Store, jobID, file string, opts compiler.Options) (*Update, hcl.Diagnostics, error) {
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return nil, nil, err
	}
	if file == "" {
		file = job.AppPath
	}
	if file, err = filepath.Abs(file); err != nil {
		return nil, nil, err
	}
	if len(opts.PropertiesFiles)+len(opts.Defines)+len(opts.VarFiles)+len(opts.Vars) == 0 {
		var props map[string]string
		if err := json.Unmarshal([]byte(job.Conf), &props); err != nil {
			return nil, nil, fmt.Errorf("job %s: stored properties: %w", job.ID, err)
		}
		for _, k := range slices.Sorted(maps.Keys(props)) {
			opts.Defines = append(opts.Defines, k+"="+props[k])
		}
	}
	res, diags := compiler.Load([]string{file}, opts)
	u := &Update{Job: job, File: file, Result: res}
	if diags.HasErrors() {
		return u, diags, nil
	}
	for _, co := range res.Project.Coordinators {
		if co.Name != nil && co.Name.Value == job.AppName {
			u.Coord = co
		}
	}
	if u.Coord == nil {
		return u, diags, fmt.Errorf("update: %s has no coordinator named %q (job %s)", file, job.AppName, job.ID)
	}
	return u, diags, nil
}

// Apply runs the new definition in the job (scheduler.Update).
func (u *Update) Apply(ctx context.Context, s *scheduler.Scheduler) error {
	return s.Update(ctx, u.Job.ID, u.Coord, scheduler.Meta{AppPath: u.File, Sources: AbsSources(u.Result.Sources)})
}

// Diff writes how the actions left change, as plan --against does
// (scheduler.UpdateDiff); maxActions caps the actions compared (0: all).
func (u *Update) Diff(ctx context.Context, s *scheduler.Scheduler, w io.Writer, maxActions int) (bool, error) {
	return s.UpdateDiff(ctx, w, u.Job.ID, u.Coord, maxActions)
}

// AbsSources keys a compile's sources by absolute path, as the scheduler
// looks them up (scheduler.Meta.Sources).
func AbsSources(src diag.Sources) map[string][]byte {
	out := make(map[string][]byte, len(src))
	for path, data := range src {
		if abs, err := filepath.Abs(path); err == nil {
			out[abs] = data
		}
	}
	return out
}

// SecretPolicy is the redaction policy of a compiled project: the secret
// values of its properties and of each coordinator's (bundle ones too), so
// an update's diff or diagnostics never show them.
func SecretPolicy(p *ir.Project) *redact.Policy {
	pol := redact.New(nil, nil)
	if p == nil {
		return pol
	}
	pol.Add(p.Params)
	for _, co := range p.Coordinators {
		pol.Add(co.Params)
	}
	for _, b := range p.Bundles {
		for _, bc := range b.Coordinators {
			if bc.Coordinator != nil {
				pol.Add(bc.Coordinator.Params)
			}
		}
	}
	return pol
}
