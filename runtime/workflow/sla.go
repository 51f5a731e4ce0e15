package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/sla"
	"github.com/coordc/coordc/runtime/state"
)

// slaConstants are the constants of Oozie's wf-sla-submit EL group
// (durations in minutes), besides the workflow's.
var slaConstants = map[string]el.Value{"MINUTES": "1", "HOURS": "60", "DAYS": "1440"}

// createJob inserts job's wf_jobs row in q's transaction and registers
// its resolved SLAs (see resolveSLAs) with it, the job's SLA started;
// inserted is false when the row was there already (nothing else is
// written then).
func (e *Engine) createJob(ctx context.Context, q querier, job *jobRow, w *ir.Workflow, slas []state.SLA) (inserted bool, err error) {
	now := e.now()
	err = atomically(ctx, q, func(q querier) error {
		if inserted, err = insertJob(ctx, q, job, now); err != nil || !inserted {
			return err
		}
		for _, s := range slas {
			if _, err := state.RegisterSLAIn(ctx, q, now, s); err != nil {
				return fmt.Errorf("workflow: %w", err)
			}
		}
		if w.SLA == nil {
			return nil
		}
		return slaJobStarted(ctx, q, job.id, now)
	})
	return inserted, err
}

// resolveSLAs evaluates the job's and its actions' <sla:info> blocks into
// SLA registrations (the job's, WORKFLOW_JOB, and each action's,
// WORKFLOW_ACTION, "<job id>@<node>"), resolved with the job configuration
// as Oozie resolves them at submission. A block that does not resolve fails
// the start with an error naming it.
func (e *Engine) resolveSLAs(ctx context.Context, job *jobRow, w *ir.Workflow) ([]state.SLA, error) {
	if w.SLA == nil && !anyNodeSLA(w) {
		return nil, nil
	}
	es := &evalState{job: job, nodes: map[string]*actionRow{}, wfName: w.Name, now: e.now()}
	cat, err := wfapp.LoadCatalog()
	if err != nil {
		return nil, err
	}
	es.catalog = cat
	env := es.env()
	vars := env.Vars
	env.Vars = func(name string) (el.Value, bool) {
		if v, ok := slaConstants[name]; ok {
			return v, true
		}
		return vars(name)
	}
	resolve := func(block *ir.SLA, where string) (state.SLA, error) {
		var fields []schedule.SLAField
		for _, f := range block.Fields {
			if f.Value == nil || f.Value.Template == nil {
				return state.SLA{}, fmt.Errorf("workflow: %s: <sla:%s> is not a valid EL template", where, f.Name)
			}
			v, _, diags := el.EvalTemplate(f.Value.Template, env)
			if diags.HasErrors() {
				return state.SLA{}, fmt.Errorf("workflow: %s: <sla:%s>: %s", where, f.Name, diagText(diags))
			}
			fields = append(fields, schedule.SLAField{Name: f.Name, Value: v})
		}
		s, err := sla.Resolve(fields)
		if err != nil {
			return s, fmt.Errorf("workflow: %s: %w", where, err)
		}
		s.User = job.user
		return s, nil
	}
	var out []state.SLA
	if w.SLA != nil {
		s, err := resolve(w.SLA, "the workflow's <sla:info>")
		if err != nil {
			return nil, err
		}
		s.ID, s.ParentID, s.AppType, s.JobStatus = job.id, job.parentID, state.AppWorkflowJob, string(job.status)
		if s.AppName == "" {
			s.AppName = w.Name
		}
		out = append(out, s)
	}
	for _, n := range w.Nodes {
		if n.SLA == nil {
			continue
		}
		s, err := resolve(n.SLA, fmt.Sprintf("the <sla:info> of action %q", n.Name))
		if err != nil {
			return nil, err
		}
		s.ID, s.ParentID, s.AppType, s.JobStatus = job.id+"@"+n.Name, job.id, state.AppWorkflowAction, string(ActionPrep)
		if s.AppName == "" {
			s.AppName = n.Name
		}
		out = append(out, s)
	}
	return out, nil
}

func anyNodeSLA(w *ir.Workflow) bool {
	for _, n := range w.Nodes {
		if n.SLA != nil {
			return true
		}
	}
	return false
}

// slaJobStarted records the actual start of a new job's SLA: a job is
// RUNNING from its creation.
func slaJobStarted(ctx context.Context, q querier, id string, now time.Time) error {
	ts := fmtTime(now)
	_, err := q.ExecContext(ctx, `UPDATE sla_summary SET actual_start = COALESCE(actual_start, ?), job_status = ?, last_modified_time = ? WHERE job_id = ?`,
		ts, "RUNNING", ts, id)
	return err
}
