package scheduler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// Meta is what Submit stores besides the coordinator.
type Meta struct {
	// AppPath is the definition file the coordinator was loaded from,
	// absolute.
	AppPath string
	// BundleID is the bundle job the coordinator belongs to, if any.
	BundleID string
	// Sources are the files the coordinator was compiled from (absolute
	// path → content; compiler.Result.Sources), AppPath among them. They
	// are stored with the job (coord_jobs.definition), so that any
	// scheduler rebuilds the job from the database (LoadDefinition) and a
	// file changed or gone later never strands it. Nil stores AppPath as
	// it is on disk now.
	Sources map[string][]byte
}

// Submit stores c as a new PREP job and returns its ID; when a job of the
// same definition file, name and definition hash exists (whatever its
// status), it returns that job's ID instead, atomically, so applies started
// at the same instant submit once (state.Store.SubmitJob). The job's
// properties are c.Params; the definition hash covers the file at
// meta.AppPath and the properties, so a restart can tell whether the
// definition changed. Coordinators coordc cannot run exactly as Oozie would
// are refused with a clear error.
func (s *Scheduler) Submit(ctx context.Context, c *ir.Coordinator, meta Meta) (string, error) {
	if err := runnable(c); err != nil {
		return "", err
	}
	files := map[string]string{}
	for path, data := range meta.Sources {
		files[path] = string(data)
	}
	if _, ok := files[meta.AppPath]; !ok {
		data, err := os.ReadFile(meta.AppPath)
		if err != nil {
			return "", fmt.Errorf("cannot read definition: %w", err)
		}
		files[meta.AppPath] = string(data)
	}
	hash := definitionHash([]byte(files[meta.AppPath]), c.Params)
	definition, err := json.Marshal(files)
	if err != nil {
		return "", err
	}
	conf, err := json.Marshal(c.Params)
	if err != nil {
		return "", err
	}
	if c.Params == nil {
		conf = []byte("{}")
	}
	f := c.Frequency
	freq := strconv.Itoa(f.N)
	if f.Unit == ir.UnitCron {
		freq = f.Cron
	}
	ctl := c.Controls
	id, created, err := s.store().SubmitJob(ctx, state.Job{
		AppName: c.Name.Value, AppPath: meta.AppPath, AppNamespace: c.Namespace, DefinitionHash: hash,
		Conf: string(conf), Frequency: freq, TimeUnit: string(f.Unit), EndOfDuration: endOf(f.EndOf),
		TimeZone: c.Timezone.ID, Start: c.Start.Time, End: c.End.Time,
		Concurrency: ctl.Concurrency.Effective, Throttle: ctl.Throttle.Effective, Timeout: ctl.Timeout.Effective,
		Execution: state.Execution(ctl.Execution.Effective), User: c.User, BundleID: meta.BundleID,
		Definition: string(definition),
	})
	if err != nil {
		return "", err
	}
	s.remember(coordKey(id, hash), c)
	if !created {
		s.log().Info("job already submitted", "job", id, "name", c.Name.Value)
		return id, nil
	}
	if l, _ := inputlogic.Compile(c); l != nil {
		s.log().Debug("input logic", "job", id, "expression", l.Root.Expr())
	}
	s.log().Info("job submitted", "job", id, "name", c.Name.Value, "start", c.Start.Time, "end", c.End.Time)
	return id, nil
}

func endOf(e ir.EndOf) string {
	if e == "" {
		return string(ir.EndOfNone)
	}
	return string(e)
}

// runnable refuses what the scheduler cannot run faithfully.
func runnable(c *ir.Coordinator) error {
	name := "(unnamed)"
	if c.Name != nil && c.Name.Known {
		name = c.Name.Value
	}
	switch {
	case c.Name == nil || !c.Name.Known:
		return fmt.Errorf("coordinator %s: its name is not known; define the parameters it uses", name)
	case !c.Start.Resolved || !c.End.Resolved || !c.Frequency.Resolved || c.Timezone.Location == nil:
		return fmt.Errorf("coordinator %q: its start, end, frequency or timezone is not known; define the parameters they use", name)
	case c.Action == nil || c.Action.AppPath == nil || !c.Action.AppPath.Known:
		return fmt.Errorf("coordinator %q: its workflow app-path is not known; define the parameters it uses", name)
	case c.InputEventsLogic != nil:
		return fmt.Errorf("coordinator %q has <and>/<or> inside <input-events>, which Oozie never evaluates (it then checks no input at all); declare the data-ins in <input-events> and move the logic to <input-logic>", name)
	case !c.Controls.Execution.Resolved && c.Controls.Execution.Text != nil:
		return fmt.Errorf("coordinator %q: its execution control is not FIFO, LIFO, LAST_ONLY or NONE", name)
	}
	if err := schedule.Nominals(c).Err(); err != nil {
		return fmt.Errorf("coordinator %q: %w", name, err)
	}
	if err := validateLogic(c); err != nil {
		return fmt.Errorf("coordinator %q: %w", name, err)
	}
	return nil
}

// DefinitionHash is the sha256 of the definition file and the job
// properties (sorted name=value lines).
func DefinitionHash(path string, params map[string]string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read definition: %w", err)
	}
	return definitionHash(data, params), nil
}

// definitionHash is DefinitionHash of a definition's content.
func definitionHash(data []byte, params map[string]string) string {
	h := sha256.New()
	h.Write(data)
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(h, "\x00%s=%s", k, params[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// LoadDefinition is the default Loader: it compiles the job's stored
// definition files (Meta.Sources) again with the stored properties, so any
// scheduler runs what was submitted, whatever the files on its machine
// hold. A job submitted before definitions were stored (schema version 3)
// is compiled from job.AppPath on disk, which must still have the
// definition hash of the submission.
func LoadDefinition(_ context.Context, job state.Job) (*ir.Coordinator, error) {
	var params map[string]string
	if err := json.Unmarshal([]byte(job.Conf), &params); err != nil {
		return nil, fmt.Errorf("stored properties are not a JSON object: %w", err)
	}
	var overlay map[string][]byte
	if job.Definition != "" {
		var files map[string]string
		if err := json.Unmarshal([]byte(job.Definition), &files); err != nil {
			return nil, fmt.Errorf("job %s: stored definition is not a JSON object: %w", job.ID, err)
		}
		data, ok := files[job.AppPath]
		if !ok || definitionHash([]byte(data), params) != job.DefinitionHash {
			return nil, fmt.Errorf("job %s: the stored definition of %s does not have the job's definition hash", job.ID, job.AppPath)
		}
		overlay = map[string][]byte{}
		for path, data := range files {
			overlay[path] = []byte(data)
		}
	} else {
		hash, err := DefinitionHash(job.AppPath, params)
		if err != nil {
			return nil, err
		}
		if hash != job.DefinitionHash {
			return nil, fmt.Errorf("definition %s or its properties changed since the job was submitted; kill the job and submit the new definition", job.AppPath)
		}
	}
	defines := make([]string, 0, len(params))
	for k, v := range params {
		defines = append(defines, k+"="+v)
	}
	sort.Strings(defines)
	res, diags := compiler.Load([]string{job.AppPath}, compiler.Options{Defines: defines, Overlay: overlay})
	if diags.HasErrors() {
		return nil, fmt.Errorf("load %s: %s", job.AppPath, diags.Errs()[0])
	}
	for _, c := range res.Project.Coordinators {
		if c.Name != nil && c.Name.Value == job.AppName {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%s has no coordinator named %q", job.AppPath, job.AppName)
}
