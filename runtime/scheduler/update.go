package scheduler

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/schemas"
)

// Update replaces a job's definition and properties with c (compiled from
// meta.Sources, meta.AppPath among them), as Oozie's -update does: the job
// keeps its ID, status and actions. The actions not yet materialized are
// materialized from c; WAITING actions resolve their configuration from c
// when their inputs are ready; READY and later actions keep what they were
// given, and nothing that ran is run again. c's controls (concurrency,
// throttle, timeout, execution) replace the job's. The coordinator name,
// frequency, start, end and time zone cannot change (Oozie refuses it; the
// end moves with Change). A finished job cannot be updated.
func (s *Scheduler) Update(ctx context.Context, jobID string, c *ir.Coordinator, meta Meta) error {
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	if job.Status.Terminal() {
		return fmt.Errorf("job %s is %s; a finished job cannot be updated: %w", jobID, job.Status, ErrNotEligible)
	}
	if err := runnable(c); err != nil {
		return err
	}
	if err := sameSchedule(job, c); err != nil {
		return err
	}
	u, err := definitionUpdate(c, meta)
	if err != nil {
		return err
	}
	if u.DefinitionHash == job.DefinitionHash {
		return fmt.Errorf("job %s already runs this definition with these properties: %w", jobID, ErrNotEligible)
	}
	ok, err := st.UpdateDefinition(ctx, jobID, job.DefinitionHash, u)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("job %s was updated meanwhile; try again", jobID)
	}
	s.remember(coordKey(jobID, u.DefinitionHash), c)
	s.log().Info("job updated", "job", jobID, "from_hash", job.DefinitionHash, "hash", u.DefinitionHash)
	return nil
}

// sameSchedule refuses a new definition whose name, frequency, start, end
// or time zone differ from job's.
func sameSchedule(job state.Job, c *ir.Coordinator) error {
	freq := strconv.Itoa(c.Frequency.N)
	if c.Frequency.Unit == ir.UnitCron {
		freq = c.Frequency.Cron
	}
	for _, f := range []struct{ what, old, new string }{
		{"name", job.AppName, c.Name.Value},
		{"frequency", job.Frequency + " " + job.TimeUnit, freq + " " + string(c.Frequency.Unit)},
		{"start", state.FormatTime(job.Start), state.FormatTime(c.Start.Time)},
		{"time zone", job.TimeZone, c.Timezone.ID},
	} {
		if f.old != f.new {
			return fmt.Errorf("job %s: update cannot change the coordinator's %s (%s → %s): %w", job.ID, f.what, f.old, f.new, ErrNotEligible)
		}
	}
	if !c.End.Time.Equal(job.End) {
		return fmt.Errorf("job %s: update cannot change the end (%s → %s); use change --endtime: %w", job.ID,
			state.FormatTime(job.End), state.FormatTime(c.End.Time), ErrNotEligible)
	}
	return nil
}

// definitionUpdate is what Update stores for c.
func definitionUpdate(c *ir.Coordinator, meta Meta) (state.DefinitionUpdate, error) {
	files := map[string]string{}
	for path, data := range meta.Sources {
		files[path] = string(data)
	}
	data, ok := files[meta.AppPath]
	if !ok {
		return state.DefinitionUpdate{}, fmt.Errorf("update: the sources do not hold %s", meta.AppPath)
	}
	definition, err := json.Marshal(files)
	if err != nil {
		return state.DefinitionUpdate{}, err
	}
	conf := []byte("{}")
	if c.Params != nil {
		if conf, err = json.Marshal(c.Params); err != nil {
			return state.DefinitionUpdate{}, err
		}
	}
	ctl := c.Controls
	return state.DefinitionUpdate{AppPath: meta.AppPath, DefinitionHash: definitionHash([]byte(data), c.Params), Definition: string(definition),
		Conf: string(conf), Concurrency: ctl.Concurrency.Effective, Throttle: ctl.Throttle.Effective,
		Timeout: ctl.Timeout.Effective, Execution: state.Execution(ctl.Execution.Effective)}, nil
}

// UpdateDiff writes to w, in plan --against's text form, how the job's
// actions not yet materialized change under c (the running definition's
// plan is the snapshot), and reports whether any does. maxActions caps
// the actions compared (0: all left).
func (s *Scheduler) UpdateDiff(ctx context.Context, w io.Writer, jobID string, c *ir.Coordinator, maxActions int) (bool, error) {
	job, err := s.store().GetJob(ctx, jobID)
	if err != nil {
		return false, err
	}
	old, err := s.coordinator(ctx, job)
	if err != nil {
		return false, err
	}
	if err := sameSchedule(job, c); err != nil {
		return false, err
	}
	from := job.NextMatdTime
	if job.DoneMaterialization || from.IsZero() {
		from = job.End
	}
	opts := plan.Options{TZDataVersion: schemas.TZDataVersion(), WindowFrom: from, Count: maxActions}
	oldJobs, diags := plan.Jobs(&ir.Project{Coordinators: []*ir.Coordinator{withEnd(old, job.End)}}, opts)
	if diags.HasErrors() {
		return false, fmt.Errorf("job %s: plan of the running definition: %s", jobID, diags.Error())
	}
	newJobs, diags := plan.Jobs(&ir.Project{Coordinators: []*ir.Coordinator{withEnd(c, job.End)}}, opts)
	if diags.HasErrors() {
		return false, fmt.Errorf("job %s: plan of the new definition: %s", jobID, diags.Error())
	}
	var snap bytes.Buffer
	jopts := opts
	jopts.Format = plan.FormatJSON
	if _, diags := plan.Write(&snap, oldJobs, jopts); diags.HasErrors() {
		return false, fmt.Errorf("job %s: %s", jobID, diags.Error())
	}
	opts.Format = plan.FormatText
	opts.SnapshotFilename = "job " + jobID + " as running"
	changed, _, diags := plan.Diff(w, &snap, newJobs, opts)
	if diags.HasErrors() {
		return false, fmt.Errorf("job %s: %s", jobID, diags.Error())
	}
	return changed, nil
}
