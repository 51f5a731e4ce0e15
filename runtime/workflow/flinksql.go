package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flinksql"
)

// External statuses of a flink-sql action besides the gateway's operation
// statuses (see doc.go, "flink-sql actions", for the crash protocol).
const (
	// sqlOpening is recorded before the session is opened; the session
	// handle is not known yet.
	sqlOpening = "OPENING"
	// sqlOpen: the session is open and the next statement is not sent.
	sqlOpen = "OPEN"
	// sqlSubmitting is recorded before a statement is sent: found after a
	// crash without an operation handle, the statement may or may not run.
	sqlSubmitting = "SUBMITTING"
	// sqlClosing: the outcome is recorded in conf and the session is being
	// closed.
	sqlClosing = "CLOSING"
)

// CodeUncertain is the error of a flink-sql action whose statement was
// sent when coordc crashed and is not safe to send again: whether it ran
// cannot be known, so it is not run a second time.
const CodeUncertain = "UNCERTAIN"

// sqlRun is a resolved flink-sql action and its progress, stored in
// wf_actions.conf; the session handle is the row's external_id.
type sqlRun struct {
	Properties map[string]string `json:"properties,omitempty"`
	Statements []string          `json:"statements"`
	Capture    bool              `json:"captureOutput,omitempty"`
	// Stmt is the statement running or next to run; Op its operation
	// handle once the gateway answered.
	Stmt int    `json:"statement"`
	Op   string `json:"operation,omitempty"`
	// FlinkJob is the Flink job of a statement whose answer was lost,
	// found by its pipeline.name and followed on the Flink cluster
	// (table.dml-sync runs only).
	FlinkJob string `json:"flinkJob,omitempty"`
	// Resume: the statements before it ran in an earlier session of this
	// attempt. A new session replays those that are safe to repeat (to
	// restore the session's state: SET, USE, …) and skips the others.
	Resume int `json:"resume,omitempty"`
	// Outcome is recorded (status CLOSING) before the session is closed.
	Outcome *sqlOutcome `json:"outcome,omitempty"`
}

// sqlOutcome is how a flink-sql run ended.
type sqlOutcome struct {
	OK        bool              `json:"ok,omitempty"`
	Code      string            `json:"code,omitempty"`
	Message   string            `json:"message,omitempty"`
	ExtStatus string            `json:"externalStatus"`
	Data      map[string]string `json:"data,omitempty"`
}

// errNoFlinkSQL is the message of a flink-sql action on an engine without
// a gateway client.
const errNoFlinkSQL = "no Flink SQL Gateway is configured; pass --flink-sql-gateway URL, set COORDC_FLINK_SQL_GATEWAY, or add a runtime { flink_sql { … } } block to .coordc.hcl"

// resolveFlinkSQL evaluates the flink-sql action's definition.
func resolveFlinkSQL(n *ir.WorkflowNode, s *evalState) (*sqlRun, error) {
	f := body[*ir.FlinkSQLJob](n)
	run := &sqlRun{Capture: f.CaptureOutput}
	for _, p := range f.SessionConfiguration {
		k, err := s.evalAction(p.Name)
		if err != nil {
			return nil, err
		}
		v, err := s.evalAction(p.Value)
		if err != nil {
			return nil, err
		}
		if run.Properties == nil {
			run.Properties = map[string]string{}
		}
		run.Properties[k] = v
	}
	for i, t := range f.Statements {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, err
		}
		v = strings.TrimRight(strings.TrimSpace(v), "; \t\r\n")
		if v == "" {
			return nil, &actionFailure{code: "E0701", msg: fmt.Sprintf("statement %d at %s is empty", i+1, t.Range)}
		}
		run.Statements = append(run.Statements, v)
	}
	return run, nil
}

// sqlPipelineName is the pipeline.name a statement runs with: the action,
// its user retry attempt and the statement's position, so that the Flink
// job of any statement can be told apart in Flink's job overview.
func sqlPipelineName(r *actionRow, stmt int) string {
	return fmt.Sprintf("coordc:%s:%d:%d", r.id, r.retries, stmt+1)
}

// startFlinkSQL records the resolved action RUNNING (OPENING) and drives
// it as far as it goes now.
func (e *Engine) startFlinkSQL(ctx context.Context, a *nodeRun, s *evalState) error {
	run, err := resolveFlinkSQL(a.n, s)
	var f *actionFailure
	if errors.As(err, &f) {
		return e.fail(ctx, a.job, a.r, f)
	}
	if err != nil {
		return err
	}
	if e.FlinkSQL == nil {
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: errNoFlinkSQL, extStatus: "FAILED"})
	}
	conf, err := json.Marshal(run)
	if err != nil {
		return err
	}
	r := a.r
	from := r.status
	r.status, r.externalID, r.externalStatus, r.conf, r.start = ActionRunning, "", sqlOpening, string(conf), fmtTime(e.now())
	ok, err := updateAction(ctx, e.db, r, from, true, e.now())
	if err != nil || !ok {
		return err
	}
	_, err = e.driveFlinkSQL(ctx, a, run)
	return err
}

// saveSQL records the run's progress with the external id and status
// given. It is a compare-and-swap on the row's RUNNING status, external
// id, external status and conf as r holds them, so that of two engines
// checking the action at once only one takes each step (and only one
// sends a statement); the other gets errSuperseded.
func (e *Engine) saveSQL(ctx context.Context, r *actionRow, run *sqlRun, session, status string) error {
	conf, err := json.Marshal(run)
	if err != nil {
		return err
	}
	now := fmtTime(e.now())
	res, err := e.db.ExecContext(ctx, `UPDATE wf_actions SET conf = ?, external_id = ?, external_status = ?,
		last_check_time = ?, last_modified_time = ? WHERE id = ? AND status = ? AND COALESCE(external_id, '') = ?
		AND COALESCE(external_status, '') = ? AND COALESCE(conf, '') = ?`,
		string(conf), nullable(session), nullable(status), now, now, r.id, ActionRunning, r.externalID, r.externalStatus, r.conf)
	if err != nil {
		return fmt.Errorf("workflow: updating node %s: %w", r.id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err != nil {
			return err
		}
		return errSuperseded
	}
	r.conf, r.externalID, r.externalStatus, r.modified = string(conf), session, status, now
	return nil
}

// checkFlinkSQL looks at a RUNNING flink-sql action, after a crash too.
func (e *Engine) checkFlinkSQL(ctx context.Context, a *nodeRun) (bool, error) {
	r := a.r
	if e.FlinkSQL == nil {
		return true, e.finish(ctx, a.job, a.w, a.n, r, outcome{code: "LAUNCH_ERROR", msg: errNoFlinkSQL, extStatus: "FAILED"})
	}
	var run sqlRun
	if err := json.Unmarshal([]byte(r.conf), &run); err != nil {
		return true, e.finish(ctx, a.job, a.w, a.n, r, outcome{code: "LOST", msg: fmt.Sprintf("the recorded Flink SQL run of %s is unreadable: %v", r.id, err)})
	}
	return e.driveFlinkSQL(ctx, a, &run)
}

// driveFlinkSQL moves a run on until it waits for the gateway or ends;
// done tells whether the row changed. Transient gateway failures leave the
// row for the next check.
func (e *Engine) driveFlinkSQL(ctx context.Context, a *nodeRun, run *sqlRun) (bool, error) {
	r := a.r
	changed := false
	for range 2*len(run.Statements) + 4 {
		step, err := e.stepFlinkSQL(ctx, a, run)
		if errors.Is(err, errSuperseded) {
			return true, nil
		}
		if flinksql.IsTransient(err) {
			return changed, nil
		}
		if err != nil {
			return changed, err
		}
		if step == sqlWait || r.status != ActionRunning {
			return changed || r.status != ActionRunning, nil
		}
		changed = true
	}
	return changed, nil
}

// sqlStep says whether stepFlinkSQL made progress.
type sqlStep int

const (
	sqlWait sqlStep = iota
	sqlProgress
)

// stepFlinkSQL takes one step of the crash protocol from the recorded
// state.
func (e *Engine) stepFlinkSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	r, c := a.r, e.FlinkSQL
	switch {
	case r.externalStatus == sqlClosing && run.Outcome != nil:
		if err := c.CloseSession(ctx, r.externalID); err != nil {
			return sqlWait, err
		}
		o := run.Outcome
		return sqlProgress, e.finish(ctx, a.job, a.w, a.n, r, outcome{ok: o.OK, code: o.Code, msg: o.Message, extStatus: o.ExtStatus, data: o.Data})
	case r.externalID == "":
		// OPENING: a session opened before a crash is never used again
		// (it has no statement yet) and ends with the gateway's idle timeout.
		h, err := c.OpenSession(ctx, "coordc:"+r.id+":"+strconv.Itoa(r.retries), run.Properties)
		if err != nil {
			if flinksql.IsTransient(err) {
				return sqlWait, err
			}
			return sqlProgress, e.finish(ctx, a.job, a.w, a.n, r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
		}
		run.Op = ""
		return sqlProgress, e.saveSQL(ctx, r, run, h, sqlOpen)
	case run.FlinkJob != "":
		return e.pollFlinkJobSQL(ctx, a, run)
	case run.Op == "" && r.externalStatus == sqlSubmitting:
		return e.recoverSubmit(ctx, a, run)
	case run.Op == "":
		for run.Stmt < run.Resume && run.Stmt < len(run.Statements) && !flinksql.Rerunnable(run.Statements[run.Stmt]) {
			run.Stmt++ // ran in an earlier session
		}
		if run.Stmt >= len(run.Statements) {
			return e.endSQL(ctx, a, run, &sqlOutcome{OK: true, ExtStatus: string(flinksql.StatusFinished)})
		}
		return e.submitSQL(ctx, a, run)
	}
	return e.pollSQL(ctx, a, run)
}

// resumeSQL continues a run in a new session after statement run.Stmt,
// which ran in the session that was closed.
func (e *Engine) resumeSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	run.Resume, run.Stmt, run.Op, run.FlinkJob = run.Stmt+1, 0, "", ""
	return sqlProgress, e.saveSQL(ctx, a.r, run, "", sqlOpening)
}

// submitSQL sends the next statement: SUBMITTING is committed first, the
// operation handle after the gateway answered.
func (e *Engine) submitSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	r := a.r
	if err := e.saveSQL(ctx, r, run, r.externalID, sqlSubmitting); err != nil {
		return sqlWait, err
	}
	return e.executeSQL(ctx, a, run)
}

// executeSQL executes the current statement of a SUBMITTING run.
func (e *Engine) executeSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	r := a.r
	op, err := e.FlinkSQL.Execute(ctx, r.externalID, run.Statements[run.Stmt], map[string]string{"pipeline.name": sqlPipelineName(r, run.Stmt)})
	switch {
	case errors.Is(err, flinksql.ErrNotFound):
		return e.sessionLost(ctx, a, run)
	case flinksql.IsTransient(err):
		// No answer: the statement may have run. The next check decides
		// as after a crash.
		return sqlWait, err
	case err != nil:
		// The gateway refused the statement (it did not run).
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "SQL_ERROR", Message: e.statementError(run, err), ExtStatus: "FAILED"})
	}
	run.Op = op
	return sqlProgress, e.saveSQL(ctx, r, run, r.externalID, string(flinksql.StatusRunning))
}

// recoverSubmit decides a statement found SUBMITTING without an operation
// handle: it was sent, or about to be, when coordc crashed or the gateway
// did not answer. No gateway API version lists a session's operations or
// takes an idempotency key, so whether it runs cannot be asked. A
// statement that is safe to run twice (flinksql.Rerunnable) is sent again.
// Any other is never sent again: its session is closed first (which
// cancels the operation if it is still being planned), then, with a Flink
// cluster configured (Engine.Flink), the job named by the statement's
// pipeline.name is looked up. A job found proves the statement ran: the
// action follows it (table.dml-sync true) or takes it as done, as the
// operation would have, and goes on with the next statement in a new
// session (resumeSQL). In every other case the action fails UNCERTAIN,
// with what Flink knows in the message: a job not found is no proof that
// none will appear.
func (e *Engine) recoverSubmit(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	stmt := run.Statements[run.Stmt]
	if flinksql.Rerunnable(stmt) {
		return e.executeSQL(ctx, a, run)
	}
	name := sqlPipelineName(a.r, run.Stmt)
	msg := fmt.Sprintf("statement %d (%s) was being submitted to the Flink SQL Gateway when coordc stopped; the gateway cannot tell whether it ran, and it is not safe to run twice, so coordc does not run it again",
		run.Stmt+1, abbreviate(stmt))
	if e.Flink == nil {
		msg += fmt.Sprintf(" (look for Flink job %q)", name)
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: CodeUncertain, ExtStatus: "FAILED", Message: msg})
	}
	if err := e.FlinkSQL.CloseSession(ctx, a.r.externalID); err != nil {
		return sqlWait, err
	}
	jobs, err := e.Flink.JobsOverview(ctx)
	if flink.IsTransient(err) {
		return sqlWait, nil
	}
	var found *flink.JobDetails
	for i := range jobs {
		if jobs[i].Name == name && (found == nil || jobs[i].StartTime > found.StartTime) {
			found = &jobs[i]
		}
	}
	switch {
	case err != nil:
		msg += fmt.Sprintf("; Flink's job overview could not be read (%v)", err)
	case found == nil:
		msg += fmt.Sprintf("; Flink has no job named %q now", name)
	case strings.EqualFold(strings.TrimSpace(run.Properties["table.dml-sync"]), "true"):
		run.FlinkJob = found.ID
		return sqlProgress, e.saveSQL(ctx, a.r, run, a.r.externalID, string(found.State))
	default:
		// The operation would have finished once the job was submitted.
		return e.statementDone(ctx, a, run, found.ID)
	}
	return e.endSQL(ctx, a, run, &sqlOutcome{Code: CodeUncertain, ExtStatus: "FAILED", Message: msg})
}

// statementDone goes on after a recovered statement that ran as Flink job
// jobID: the action ends ok after the last statement, else resumes in a
// new session.
func (e *Engine) statementDone(ctx context.Context, a *nodeRun, run *sqlRun, jobID string) (sqlStep, error) {
	if run.Stmt == len(run.Statements)-1 {
		return e.endSQL(ctx, a, run, &sqlOutcome{OK: true, ExtStatus: string(flinksql.StatusFinished), Data: sqlJobData(run, jobID)})
	}
	return e.resumeSQL(ctx, a, run)
}

// sqlJobData is the action data of an INSERT whose result is its job id,
// as fetching the operation's result would give it.
func sqlJobData(run *sqlRun, jobID string) map[string]string {
	if !run.Capture {
		return nil
	}
	return map[string]string{"job id": jobID, "job id.1": jobID, "rows": "1"}
}

// pollFlinkJobSQL follows the Flink job of a recovered last statement.
func (e *Engine) pollFlinkJobSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	if e.Flink == nil {
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "LAUNCH_ERROR", ExtStatus: "FAILED", Message: errNoFlink})
	}
	st, err := e.Flink.Status(ctx, run.FlinkJob)
	switch {
	case errors.Is(err, flink.ErrJobNotFound):
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "LOST", ExtStatus: "FAILED",
			Message: fmt.Sprintf("Flink no longer knows job %s of statement %d", run.FlinkJob, run.Stmt+1)})
	case err != nil:
		return sqlWait, nil
	case st == flink.StateFinished:
		return e.statementDone(ctx, a, run, run.FlinkJob)
	case st.Terminal():
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: string(st), ExtStatus: string(st),
			Message: fmt.Sprintf("statement %d (%s) ran as Flink job %s, which ended %s", run.Stmt+1, abbreviate(run.Statements[run.Stmt]), run.FlinkJob, st)})
	}
	if e.FlinkSQLTimeout > 0 && !e.now().Before(parseTime(a.r.start).Add(e.FlinkSQLTimeout)) {
		if err := e.Flink.Cancel(ctx, run.FlinkJob); err != nil && !errors.Is(err, flink.ErrJobTerminated) && !errors.Is(err, flink.ErrJobNotFound) {
			return sqlWait, err
		}
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "TIMEOUT", ExtStatus: "KILLED",
			Message: fmt.Sprintf("the Flink SQL action ran longer than %s; Flink job %s of statement %d was cancelled", e.FlinkSQLTimeout, run.FlinkJob, run.Stmt+1)})
	}
	if string(st) != a.r.externalStatus {
		return sqlWait, e.saveSQL(ctx, a.r, run, a.r.externalID, string(st))
	}
	return sqlWait, nil
}

// sessionLost handles a session the gateway no longer knows (it restarted
// or expired the session): when every statement sent in it is safe to
// run again (those before run.Resume ran in an earlier session and are
// replayed or skipped as before), the run starts over in a new session;
// otherwise the action ends in error LOST.
func (e *Engine) sessionLost(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	for _, s := range run.Statements[min(run.Resume, run.Stmt) : run.Stmt+1] {
		if !flinksql.Rerunnable(s) {
			return e.endSQL(ctx, a, run, &sqlOutcome{Code: "LOST", ExtStatus: "FAILED",
				Message: fmt.Sprintf("the Flink SQL Gateway no longer knows session %s (it restarted, or the session expired) while statement %d ran; coordc does not run the statements again", a.r.externalID, run.Stmt+1)})
		}
	}
	run.Stmt, run.Op = 0, ""                                         // statements before run.Resume are skipped or replayed again
	if err := e.saveSQL(ctx, a.r, run, "", sqlOpening); err != nil { // a new session is opened
		return sqlWait, err
	}
	return sqlProgress, nil
}

// pollSQL follows the current statement's operation.
func (e *Engine) pollSQL(ctx context.Context, a *nodeRun, run *sqlRun) (sqlStep, error) {
	r, c := a.r, e.FlinkSQL
	st, err := c.Status(ctx, r.externalID, run.Op)
	switch {
	case errors.Is(err, flinksql.ErrNotFound):
		return e.sessionLost(ctx, a, run)
	case err != nil:
		return sqlWait, nil // asked again at the next check
	}
	switch st {
	case flinksql.StatusFinished:
		last := run.Stmt == len(run.Statements)-1
		if last {
			var data map[string]string
			if run.Capture {
				d, err := e.fetchSQLData(ctx, r.externalID, run.Op)
				if flinksql.IsTransient(err) {
					return sqlWait, err
				}
				if err != nil {
					return e.endSQL(ctx, a, run, &sqlOutcome{Code: "OUTPUT_ERROR", Message: err.Error(), ExtStatus: "FAILED"})
				}
				data = d
			}
			return e.endSQL(ctx, a, run, &sqlOutcome{OK: true, ExtStatus: string(st), Data: data})
		}
		op := run.Op
		run.Stmt, run.Op = run.Stmt+1, ""
		if err := e.saveSQL(ctx, r, run, r.externalID, sqlOpen); err != nil {
			return sqlWait, err
		}
		_ = c.CloseOperation(ctx, r.externalID, op) // the session's close releases it otherwise
		return sqlProgress, nil
	case flinksql.StatusError:
		_, ferr := c.Fetch(ctx, r.externalID, run.Op, 0)
		if flinksql.IsTransient(ferr) {
			return sqlWait, ferr
		}
		msg := fmt.Sprintf("statement %d (%s) failed", run.Stmt+1, abbreviate(run.Statements[run.Stmt]))
		if ferr != nil {
			msg = e.statementError(run, ferr)
		}
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "SQL_ERROR", Message: msg, ExtStatus: string(st)})
	case flinksql.StatusCanceled, flinksql.StatusClosed, flinksql.StatusTimeout:
		code := "CANCELED" // cancelled or closed outside coordc
		if st == flinksql.StatusTimeout {
			code = "TIMEOUT"
		}
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: code, ExtStatus: string(st),
			Message: fmt.Sprintf("statement %d (%s) ended %s on the Flink SQL Gateway", run.Stmt+1, abbreviate(run.Statements[run.Stmt]), st)})
	}
	if e.FlinkSQLTimeout > 0 && !e.now().Before(parseTime(r.start).Add(e.FlinkSQLTimeout)) {
		if _, err := c.Cancel(ctx, r.externalID, run.Op); err != nil && !errors.Is(err, flinksql.ErrNotFound) {
			return sqlWait, err
		}
		return e.endSQL(ctx, a, run, &sqlOutcome{Code: "TIMEOUT", ExtStatus: "KILLED",
			Message: fmt.Sprintf("the Flink SQL action ran longer than %s; statement %d was cancelled", e.FlinkSQLTimeout, run.Stmt+1)})
	}
	if string(st) != r.externalStatus {
		return sqlWait, e.saveSQL(ctx, r, run, r.externalID, string(st))
	}
	return sqlWait, nil
}

// statementError is the message of a statement the gateway failed.
func (e *Engine) statementError(run *sqlRun, err error) string {
	cause := err.Error()
	var ae *flinksql.APIError
	if errors.As(err, &ae) && ae.Cause() != "" {
		cause = ae.Cause()
	}
	return fmt.Sprintf("statement %d (%s) failed: %s", run.Stmt+1, abbreviate(run.Statements[run.Stmt]), cause)
}

// endSQL records the outcome (CLOSING), closes the session and finishes
// the action; a crash in between closes and finishes at the next check.
func (e *Engine) endSQL(ctx context.Context, a *nodeRun, run *sqlRun, o *sqlOutcome) (sqlStep, error) {
	run.Outcome = o
	if err := e.saveSQL(ctx, a.r, run, a.r.externalID, sqlClosing); err != nil {
		return sqlWait, err
	}
	return sqlProgress, nil
}

// fetchSQLData reads an operation's rows into action data: rows, and for
// each column c its first row's value as c and row n's as c.n. It stops
// reading as soon as the data exceeds MaxOutputData.
func (e *Engine) fetchSQLData(ctx context.Context, session, op string) (map[string]string, error) {
	data := map[string]string{}
	size, rows := 0, 0
	add := func(k, v string) {
		data[k] = v
		size += len(k) + len(v) + 2 // key=value and a line break
	}
	for token, more := int64(0), true; more; {
		p, err := e.FlinkSQL.Fetch(ctx, session, op, token)
		if err != nil {
			return nil, err
		}
		if p.ResultType == flinksql.ResultNotReady {
			return nil, fmt.Errorf("the results of a finished statement are not ready")
		}
		for _, row := range p.Results.Data {
			rows++
			for i, col := range p.Results.Columns {
				v := row.FieldText(i)
				if rows == 1 {
					add(col.Name, v)
				}
				add(col.Name+"."+strconv.Itoa(rows), v)
			}
			if size > MaxOutputData {
				return nil, fmt.Errorf("Output data size [more than %d] exceeds maximum [%d]: capture-output of a flink-sql action takes at most %d characters of results", MaxOutputData, MaxOutputData, MaxOutputData)
			}
		}
		next, ok := p.NextToken()
		if ok && next <= token {
			return nil, fmt.Errorf("the gateway's next result page %d does not follow page %d", next, token)
		}
		token, more = next, ok
	}
	add("rows", strconv.Itoa(rows))
	return data, nil
}

// abbreviate shortens a statement for messages.
func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// stopFlinkSQL ends what a RUNNING flink-sql action runs when it is killed:
// the current operation is cancelled and the session closed (which also
// cancels an operation whose handle was never recorded).
func (e *Engine) stopFlinkSQL(ctx context.Context, r *actionRow) error {
	if e.FlinkSQL == nil || r.externalID == "" {
		return nil
	}
	var run sqlRun
	if err := json.Unmarshal([]byte(r.conf), &run); err != nil {
		return fmt.Errorf("workflow: the recorded Flink SQL run of %s is unreadable: %w", r.id, err)
	}
	if run.FlinkJob != "" && r.externalStatus != sqlClosing && e.Flink != nil {
		if err := e.Flink.Cancel(ctx, run.FlinkJob); err != nil && !errors.Is(err, flink.ErrJobTerminated) && !errors.Is(err, flink.ErrJobNotFound) {
			return err
		}
	}
	if run.Op != "" && r.externalStatus != sqlClosing {
		if _, err := e.FlinkSQL.Cancel(ctx, r.externalID, run.Op); err != nil && !errors.Is(err, flinksql.ErrNotFound) {
			return err
		}
	}
	return e.FlinkSQL.CloseSession(ctx, r.externalID)
}

// flinkSQLRunner runs flink-sql actions on the engine's SQL Gateway.
type flinkSQLRunner struct{}

func (flinkSQLRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	return e.startFlinkSQL(ctx, a, s)
}

func (flinkSQLRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	return e.checkFlinkSQL(ctx, a)
}

func (flinkSQLRunner) kill(ctx context.Context, e *Engine, _ *jobRow, r *actionRow) error {
	return e.stopFlinkSQL(ctx, r)
}
