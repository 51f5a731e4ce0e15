package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/xmlfront"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/webhdfs"
)

// External statuses of a flink action besides Flink's job states.
const (
	// flinkSubmitting is recorded with the job id before the submission:
	// after a crash, the job's status tells whether the submission landed.
	flinkSubmitting = "SUBMITTING"
)

// flinkRun is a resolved flink action, stored in wf_actions.conf so that a
// submission repeated after a crash sends exactly the same request.
type flinkRun struct {
	Jar           string            `json:"jar"`
	EntryClass    string            `json:"entryClass,omitempty"`
	Args          []string          `json:"args,omitempty"`
	Parallelism   int               `json:"parallelism,omitempty"`
	SavepointPath string            `json:"savepointPath,omitempty"`
	AllowNonRest  bool              `json:"allowNonRestoredState,omitempty"`
	Configuration map[string]string `json:"flinkConfiguration,omitempty"`
}

// request is the run request of one attempt.
func (fr *flinkRun) request(jobID string) flink.RunRequest {
	return flink.RunRequest{JobID: jobID, EntryClass: fr.EntryClass, ProgramArgs: fr.Args, Parallelism: fr.Parallelism,
		SavepointPath: fr.SavepointPath, AllowNonRestoredState: fr.AllowNonRest, FlinkConfiguration: fr.Configuration}
}

// resolveFlink evaluates the flink action's definition.
func (e *Engine) resolveFlink(job *jobRow, n *ir.WorkflowNode, s *evalState) (*flinkRun, error) {
	f := body[*ir.FlinkJob](n)
	eval := func(t *ir.Template) (string, error) {
		if t == nil {
			return "", nil
		}
		v, diags := s.evaluate(t)
		if diags.HasErrors() {
			return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
		}
		return v, nil
	}
	fr := &flinkRun{AllowNonRest: f.AllowNonRestoredState}
	jar, err := eval(f.Jar)
	if err != nil {
		return nil, err
	}
	fr.Jar = hdfsstore.Join(appDir(job), jar)
	if !strings.HasSuffix(fr.Jar, ".jar") {
		return nil, &actionFailure{code: "E0701", msg: fmt.Sprintf("Flink jar %q does not end in .jar", fr.Jar)}
	}
	if fr.EntryClass, err = eval(f.EntryClass); err != nil {
		return nil, err
	}
	if f.Parallelism != nil {
		p, err := eval(f.Parallelism)
		if err != nil {
			return nil, err
		}
		n, ok := xmlfront.FlinkParallelism(p)
		if !ok {
			return nil, &actionFailure{code: "E0701", msg: "parallelism " + strconv.Quote(p) + " is not a whole number from 1"}
		}
		fr.Parallelism = n
	}
	for _, a := range f.Args {
		v, err := eval(a)
		if err != nil {
			return nil, err
		}
		fr.Args = append(fr.Args, v)
	}
	if fr.SavepointPath, err = eval(f.SavepointPath); err != nil {
		return nil, err
	}
	for _, p := range f.Configuration {
		k, err := eval(p.Name)
		if err != nil {
			return nil, err
		}
		v, err := eval(p.Value)
		if err != nil {
			return nil, err
		}
		if fr.Configuration == nil {
			fr.Configuration = map[string]string{}
		}
		fr.Configuration[k] = v
	}
	return fr, nil
}

// errNoFlink is the message of a flink action on an engine without a
// Flink client.
const errNoFlink = "no Flink cluster is configured; pass --flink URL, set COORDC_FLINK, or add a runtime { flink { … } } block to .coordc.hcl"

// startFlink records the job id of this attempt with the action RUNNING
// and then submits the job.
func (e *Engine) startFlink(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, s *evalState) error {
	fr, err := e.resolveFlink(job, n, s)
	var f *actionFailure
	if errors.As(err, &f) {
		return e.fail(ctx, job, r, f)
	}
	if err != nil {
		return err
	}
	if e.Flink == nil {
		return e.finish(ctx, job, w, n, r, outcome{code: "LAUNCH_ERROR", msg: errNoFlink, extStatus: "FAILED"})
	}
	conf, err := json.Marshal(fr)
	if err != nil {
		return err
	}
	from := r.status
	r.status, r.externalID, r.externalStatus = ActionRunning, flink.JobID(r.id, r.retries), flinkSubmitting
	r.conf, r.start = string(conf), fmtTime(e.now())
	ok, err := updateAction(ctx, e.db, r, from, true, e.now())
	if err != nil || !ok {
		return err
	}
	if err := e.submitFlink(ctx, job, w, n, r, fr); !errors.Is(err, errSubmitLater) {
		return err
	}
	return nil
}

// errSubmitLater is submitFlink's answer when HDFS or Flink failed
// transiently: the action stays SUBMITTING and the next check submits it
// again (issue 11: a jar upload answered 500 killed every action).
var errSubmitLater = errors.New("flink submission postponed")

// submitFlink uploads the jar if needed and runs the job with the recorded
// id. A job id Flink knows already is not submitted again. When the
// submission fails, the job's status decides: a job Flink knows is
// followed, an unknown one ends the action in error, and an unreachable
// cluster leaves the action SUBMITTING for the next check.
func (e *Engine) submitFlink(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, fr *flinkRun) error {
	data, err := e.files().ReadFile(ctx, fr.Jar)
	if webhdfs.IsTransient(err) {
		return errSubmitLater // HDFS is unreachable or busy
	}
	if err != nil {
		return e.finish(ctx, job, w, n, r, outcome{code: fsErrorCode(err), msg: "Flink jar: " + err.Error(), extStatus: "FAILED"})
	}
	jar := flink.Jar{Name: path.Base(fr.Jar), Content: data}
	_, err = e.Flink.Submit(ctx, jar, fr.request(r.externalID))
	if err == nil {
		return e.setFlinkStatus(ctx, r, string(flink.StateCreated))
	}
	if flink.IsTransient(err) {
		return errSubmitLater // the cluster failed, not the request
	}
	st, serr := e.Flink.Status(ctx, r.externalID)
	switch {
	case serr == nil:
		return e.setFlinkStatus(ctx, r, string(st))
	case errors.Is(serr, flink.ErrJobNotFound):
		return e.finish(ctx, job, w, n, r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
	}
	return nil
}

// setFlinkStatus records the last Flink state seen.
func (e *Engine) setFlinkStatus(ctx context.Context, r *actionRow, state string) error {
	if r.externalStatus == state {
		return nil
	}
	next := *r
	next.externalStatus, next.guardExternalID = state, r.externalID
	if _, err := updateAction(ctx, e.db, &next, ActionRunning, false, e.now()); err != nil {
		return err
	}
	*r = next
	return nil
}

// checkFlink polls a RUNNING flink action. Transient errors (the client
// has retried already) leave it for the next check.
func (e *Engine) checkFlink(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow) (bool, error) {
	if e.Flink == nil {
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LAUNCH_ERROR", msg: errNoFlink, extStatus: "FAILED"})
	}
	var fr flinkRun
	if err := json.Unmarshal([]byte(r.conf), &fr); err != nil {
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", msg: fmt.Sprintf("the recorded Flink request of %s is unreadable: %v", r.id, err)})
	}
	st, err := e.Flink.Status(ctx, r.externalID)
	switch {
	case errors.Is(err, flink.ErrJobNotFound) && r.externalStatus == flinkSubmitting:
		// The submission recorded before a crash (or a transient failure) never landed.
		err := e.submitFlink(ctx, job, w, n, r, &fr)
		if errors.Is(err, errSubmitLater) {
			return false, nil
		}
		return true, err
	case errors.Is(err, flink.ErrJobNotFound):
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("Flink no longer knows job %s (the JobManager restarted without high availability, or the job expired from its job store)", r.externalID)})
	case err != nil:
		return false, nil
	case st == flink.StateFinished:
		return true, e.finish(ctx, job, w, n, r, outcome{ok: true, extStatus: string(st)})
	case st.Terminal():
		jerr := &flink.JobError{JobID: r.externalID, State: st}
		if x, err := e.Flink.Exceptions(ctx, r.externalID, 0); err == nil {
			jerr.Message = x.Message()
		} else {
			jerr.Message = "the exception history could not be read: " + err.Error()
		}
		return true, e.finish(ctx, job, w, n, r, outcome{code: string(st), msg: jerr.Error(), extStatus: string(st)})
	}
	if err := e.setFlinkStatus(ctx, r, string(st)); err != nil {
		return false, err
	}
	if e.FlinkTimeout > 0 && !e.now().Before(parseTime(r.start).Add(e.FlinkTimeout)) {
		how, err := e.stopFlinkJob(ctx, r.externalID, &fr)
		if err != nil {
			return false, err
		}
		return true, e.finish(ctx, job, w, n, r, outcome{code: "TIMEOUT", extStatus: "KILLED",
			msg: fmt.Sprintf("Flink job %s ran longer than %s and was %s", r.externalID, e.FlinkTimeout, how)})
	}
	return false, nil
}

// stopFlink ends the Flink job of a RUNNING flink action that is killed.
func (e *Engine) stopFlink(ctx context.Context, r *actionRow) error {
	if e.Flink == nil || r.externalID == "" {
		return nil
	}
	var fr flinkRun
	if err := json.Unmarshal([]byte(r.conf), &fr); err != nil {
		return fmt.Errorf("workflow: the recorded Flink request of %s is unreadable: %w", r.id, err)
	}
	_, err := e.stopFlinkJob(ctx, r.externalID, &fr)
	return err
}

// stopFlinkJob stops a job with a savepoint when the action has a
// savepoint-path (into the job's state.savepoints.dir, else the cluster's),
// falling back to cancelling when Flink refuses; other jobs are
// cancelled. The trigger id is derived from the job id, so a repeated stop
// reports the same operation. A job that is gone or already ended needs
// nothing. It says what it did.
func (e *Engine) stopFlinkJob(ctx context.Context, jobID string, fr *flinkRun) (string, error) {
	if fr.SavepointPath != "" {
		_, err := e.Flink.StopWithSavepoint(ctx, jobID, flink.StopRequest{
			TriggerID: flink.TriggerID(jobID, "stop"), TargetDirectory: fr.Configuration["state.savepoints.dir"]})
		if err == nil {
			return "stopped with a savepoint", nil
		}
	}
	err := e.Flink.Cancel(ctx, jobID)
	if err == nil || errors.Is(err, flink.ErrJobTerminated) || errors.Is(err, flink.ErrJobNotFound) {
		return "cancelled", nil
	}
	return "", err
}

// flinkRunner runs flink actions on the engine's Flink cluster.
type flinkRunner struct{}

func (flinkRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	return e.startFlink(ctx, a.job, a.w, a.n, a.r, s)
}

func (flinkRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	return e.checkFlink(ctx, a.job, a.w, a.n, a.r)
}

func (flinkRunner) kill(ctx context.Context, e *Engine, _ *jobRow, r *actionRow) error {
	return e.stopFlink(ctx, r)
}
