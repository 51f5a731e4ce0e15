package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sqltable"
)

// timeLayout is how the state database stores times (UTC).
const timeLayout = "2006-01-02T15:04:05Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// jobRow is a wf_jobs row, with what the engine carries along with it
// within one call, so that the call does not read it again.
type jobRow struct {
	id, parentID, appName, appPath, user string
	status                               runner.Status
	conf                                 map[string]string
	run                                  int
	created, start, modified             string
	errorCode, errorMessage              string
	// hasSLA tells whether the job or one of its nodes has an SLA summary
	// (read with the row; a job's SLAs are registered when it is created,
	// never later).
	hasSLA bool
	// open tells whether the job had an open node (openStatuses) when the
	// row was read.
	open bool
	// tx is the transaction that last read or wrote the job's status, which
	// is then txStatus (nil: no transaction knows it). txNodes, when not
	// nil, are all the job's node rows in tx: the rows tx inserted into a
	// job it created.
	tx       *sql.Tx
	txStatus runner.Status
	txNodes  []*actionRow
	// holdFirst and held: while create enters the start node of a job
	// whose start leads straight to an action, that action's PREP row is
	// held (in txNodes, not yet inserted) for forkFirst, which inserts it
	// RUNNING when it launches it: one statement instead of an insert and
	// an update. create inserts it PREP otherwise (insertHeld).
	holdFirst bool
	held      *actionRow
}

// jobs declares the wf_jobs columns a jobRow maps.
var jobs = &sqltable.Table[jobRow]{Name: "wf_jobs", Cols: []sqltable.Column[jobRow]{
	sqltable.Text("id", func(j *jobRow) *string { return &j.id }),
	sqltable.Text("parent_id", func(j *jobRow) *string { return &j.parentID }),
	sqltable.Text("app_name", func(j *jobRow) *string { return &j.appName }),
	sqltable.Text("app_path", func(j *jobRow) *string { return &j.appPath }),
	jsonObject("conf", false, func(j *jobRow) *map[string]string { return &j.conf }),
	sqltable.Text("user_name", func(j *jobRow) *string { return &j.user }),
	sqltable.Text("status", func(j *jobRow) *runner.Status { return &j.status }),
	sqltable.Integer("run", func(j *jobRow) *int { return &j.run }),
	sqltable.Text("created_time", func(j *jobRow) *string { return &j.created }),
	sqltable.OptText("start_time", func(j *jobRow) *string { return &j.start }),
	sqltable.Text("last_modified_time", func(j *jobRow) *string { return &j.modified }),
	sqltable.OptText("error_code", func(j *jobRow) *string { return &j.errorCode }),
	sqltable.OptText("error_message", func(j *jobRow) *string { return &j.errorMessage }),
}}

// actionRow is a wf_actions row.
type actionRow struct {
	id, wfID, name, typ, transition  string
	status                           ActionStatus
	externalID, externalStatus, conf string
	created, start, end, modified    string
	retries, retryMax, retryInterval int
	data                             map[string]string
	errorCode, errorMessage          string
	// guardExternalID, when set, makes updateAction require this
	// external_id too (a relaunch replaces a recorded process).
	guardExternalID string
	// extras, when not nil, is what the row's status changes imply, as its
	// job's row tells it (jobRow.nodeExtras); nil has updateAction read
	// it in the change's transaction.
	extras *nodeExtras
}

// actions declares the wf_actions columns an actionRow maps.
var actions = &sqltable.Table[actionRow]{Name: "wf_actions", Cols: []sqltable.Column[actionRow]{
	sqltable.Text("id", func(a *actionRow) *string { return &a.id }),
	sqltable.Text("wf_id", func(a *actionRow) *string { return &a.wfID }),
	sqltable.Text("name", func(a *actionRow) *string { return &a.name }),
	sqltable.Text("type", func(a *actionRow) *string { return &a.typ }),
	sqltable.Text("status", func(a *actionRow) *ActionStatus { return &a.status }),
	sqltable.OptText("transition", func(a *actionRow) *string { return &a.transition }),
	sqltable.OptText("conf", func(a *actionRow) *string { return &a.conf }),
	sqltable.OptText("external_id", func(a *actionRow) *string { return &a.externalID }),
	sqltable.OptText("external_status", func(a *actionRow) *string { return &a.externalStatus }),
	sqltable.Text("created_time", func(a *actionRow) *string { return &a.created }),
	sqltable.OptText("start_time", func(a *actionRow) *string { return &a.start }),
	sqltable.OptText("end_time", func(a *actionRow) *string { return &a.end }),
	sqltable.Text("last_modified_time", func(a *actionRow) *string { return &a.modified }),
	sqltable.Integer("retries", func(a *actionRow) *int { return &a.retries }),
	sqltable.Integer("user_retry_max", func(a *actionRow) *int { return &a.retryMax }),
	sqltable.Integer("user_retry_interval", func(a *actionRow) *int { return &a.retryInterval }),
	jsonObject("data", true, func(a *actionRow) *map[string]string { return &a.data }),
	sqltable.OptText("error_code", func(a *actionRow) *string { return &a.errorCode }),
	sqltable.OptText("error_message", func(a *actionRow) *string { return &a.errorMessage }),
}}

// jsonObject is a column holding a map as a JSON object; when optional, a
// nil map is stored as NULL (and NULL reads as nil).
func jsonObject[R any](name string, optional bool, f func(*R) *map[string]string) sqltable.Column[R] {
	return sqltable.Column[R]{Name: name,
		Value: func(r *R) any {
			m := *f(r)
			if optional && m == nil {
				return nil
			}
			b, _ := json.Marshal(m) // a map of strings always marshals
			return string(b)
		},
		Decode: func(r *R, src any) error {
			*f(r) = nil
			if optional && src == nil {
				return nil
			}
			s, err := sqltable.AsString(src)
			if err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(s), f(r)); err != nil {
				return fmt.Errorf("invalid JSON object: %w", err)
			}
			return nil
		}}
}

// errNotFound is returned for an unknown workflow job ID.
var errNotFound = errors.New("workflow job not found")

// insertJob creates job j as of now unless a job of its ID exists;
// inserted tells which.
func insertJob(ctx context.Context, q querier, j *jobRow, now time.Time) (inserted bool, err error) {
	row := *j
	row.created, row.start, row.modified = fmtTime(now), fmtTime(now), fmtTime(now)
	res, err := q.ExecContext(ctx, jobs.Insert()+` ON CONFLICT (id) DO NOTHING`, jobs.Values(&row)...)
	if err != nil {
		return false, fmt.Errorf("workflow: storing job %s: %w", j.id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// jobsRead are the columns loadJob reads: jobs', whether the job or a
// node of it has an SLA summary (a node's has the job as parent) and
// whether a node of it is open.
var jobsRead = &sqltable.Table[jobRow]{Name: "wf_jobs", Cols: append(slices.Clip(jobs.Cols),
	sqltable.Flag(`CASE WHEN EXISTS (SELECT 1 FROM sla_summary WHERE job_id = wf_jobs.id)
		OR EXISTS (SELECT 1 FROM sla_summary WHERE parent_id = wf_jobs.id) THEN 1 ELSE 0 END`,
		func(j *jobRow) *bool { return &j.hasSLA }),
	sqltable.Flag(`CASE WHEN EXISTS (SELECT 1 FROM wf_actions WHERE wf_id = wf_jobs.id
		AND status IN (`+sqlStrings(openStatuses)+`)) THEN 1 ELSE 0 END`,
		func(j *jobRow) *bool { return &j.open }))}

// sqlStrings is a list of SQL string literals of ss.
func sqlStrings[S ~string](ss []S) string {
	quoted := make([]string, len(ss))
	for i, s := range ss {
		quoted[i] = "'" + strings.ReplaceAll(string(s), "'", "''") + "'"
	}
	return strings.Join(quoted, ", ")
}

// loadJob reads job id (errNotFound when there is none).
func loadJob(ctx context.Context, q querier, id string) (*jobRow, error) {
	rows, err := q.QueryContext(ctx, jobsRead.SelectFrom()+`WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("workflow: loading job %s: %w", id, err)
	}
	found, err := jobsRead.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("workflow: loading job %s: %w", id, err)
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("workflow: %w: %s", errNotFound, id)
	}
	return &found[0], nil
}

// existingJobs reports which jobs of ids exist.
func existingJobs(ctx context.Context, q querier, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	err := sqltable.IDLists("id", ids, maxIDs, func(where string, args []any) error {
		rows, err := q.QueryContext(ctx, `SELECT id FROM wf_jobs WHERE `+where, args...)
		if err != nil {
			return err
		}
		return sqltable.ScanIDs(rows, out)
	})
	if err != nil {
		return nil, fmt.Errorf("workflow: looking jobs up: %w", err)
	}
	return out, nil
}

// maxIDs bounds the IDs one statement of existingJobs, loadJobs or
// loadNodesOf reads.
const maxIDs = 256

// loadJobs reads the jobs of ids that exist, in the order of ids (each
// once).
func loadJobs(ctx context.Context, q querier, ids []string) ([]*jobRow, error) {
	byID := map[string]*jobRow{}
	err := sqltable.IDLists("id", ids, maxIDs, func(where string, args []any) error {
		rows, err := q.QueryContext(ctx, jobsRead.SelectFrom()+`WHERE `+where, args...)
		if err != nil {
			return err
		}
		found, err := jobsRead.ScanAll(rows)
		for i := range found {
			byID[found[i].id] = &found[i]
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("workflow: loading jobs: %w", err)
	}
	var out []*jobRow
	for _, id := range ids {
		if j := byID[id]; j != nil {
			out = append(out, j)
			delete(byID, id)
		}
	}
	return out, nil
}

// loadNodesOf is loadNodes of many jobs (outside a transaction that
// created them), by job ID.
func loadNodesOf(ctx context.Context, q querier, jobs []*jobRow) (map[string][]*actionRow, error) {
	out := map[string][]*actionRow{}
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.id
	}
	err := sqltable.IDLists("wf_id", ids, maxIDs, func(where string, args []any) error {
		rows, err := q.QueryContext(ctx, actions.SelectFrom()+`WHERE `+where+` ORDER BY created_time, id`, args...)
		if err != nil {
			return err
		}
		found, err := actions.ScanAll(rows)
		for i := range found {
			out[found[i].wfID] = append(out[found[i].wfID], &found[i])
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("workflow: loading nodes: %w", err)
	}
	for _, j := range jobs {
		x := j.nodeExtras()
		for _, r := range out[j.id] {
			r.extras = x
		}
	}
	return out, nil
}

// setJobStatus moves job from one of the statuses in from to to; ok is
// false when the job was in another status. In a transaction, the job
// carries its status there (jobRow.tx) when it changed, and forgets it
// otherwise.
func setJobStatus(ctx context.Context, q querier, job *jobRow, from []runner.Status, to runner.Status, code, msg string, now time.Time) (changed bool, err error) {
	changed, err = setJobStatusSLA(ctx, q, job, from, to, code, msg, now)
	if tx, ok := q.(*sql.Tx); ok && err == nil {
		if changed {
			job.setTxStatus(tx, to)
		} else if job.tx == tx {
			job.tx, job.txNodes = nil, nil
		}
	}
	return changed, err
}

// setTxStatus records that tx read or wrote status as the job's status;
// the rows of another transaction are forgotten.
func (j *jobRow) setTxStatus(tx *sql.Tx, status runner.Status) {
	if j.tx != tx {
		j.txNodes = nil
	}
	j.tx, j.txStatus = tx, status
}

// createdIn records that tx created the job: its status is the row's, and
// it has no node rows yet.
func (j *jobRow) createdIn(tx *sql.Tx) {
	j.tx, j.txStatus, j.txNodes = tx, j.status, []*actionRow{}
}

// statusIn is job's status in tx: as tx last read or wrote it, else read.
func statusIn(ctx context.Context, tx *sql.Tx, job *jobRow) (runner.Status, error) {
	if job.tx == tx {
		return job.txStatus, nil
	}
	var status runner.Status
	if err := tx.QueryRowContext(ctx, `SELECT status FROM wf_jobs WHERE id = ?`, job.id).Scan(&status); err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	job.setTxStatus(tx, status)
	return status, nil
}

// setJobStatusSLA is setJobStatus's UPDATE with the change of the job's
// SLA summary, when it may have one.
func setJobStatusSLA(ctx context.Context, q querier, job *jobRow, from []runner.Status, to runner.Status, code, msg string, now time.Time) (changed bool, err error) {
	id := job.id
	sla := job.hasSLA
	if sla {
		if sla, err = jobHasSLA(ctx, q, id); err != nil {
			return false, err
		}
	}
	if !sla {
		return setJobStatusIn(ctx, q, id, from, to, code, msg, now)
	}
	err = atomically(ctx, q, func(q querier) error {
		changed, err = setJobStatusIn(ctx, q, id, from, to, code, msg, now)
		if err != nil || !changed {
			return err
		}
		return slaJobActuals(ctx, q, id, to, now)
	})
	return changed, err
}

// setJobStatusIn is setJobStatus's UPDATE.
func setJobStatusIn(ctx context.Context, q querier, id string, from []runner.Status, to runner.Status, code, msg string, now time.Time) (bool, error) {
	query := `UPDATE wf_jobs SET status = ?, last_modified_time = ?`
	args := []any{to, fmtTime(now)}
	switch to {
	case runner.Succeeded, runner.Failed, runner.Killed:
		query += `, end_time = ?, error_code = ?, error_message = ?`
		args = append(args, fmtTime(now), nullable(code), nullable(msg))
	}
	query += ` WHERE id = ? AND status IN (?` + repeat(", ?", len(from)-1) + `)`
	args = append(args, id)
	for _, f := range from {
		args = append(args, f)
	}
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("workflow: updating job %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// loadNodes reads the node rows of job, which carry what job's row tells
// of their status changes (actionRow.extras). All the rows of a job
// created in q (jobRow.txNodes) are not read again.
func loadNodes(ctx context.Context, q querier, job *jobRow) ([]*actionRow, error) {
	if tx, ok := q.(*sql.Tx); ok && tx == job.tx && job.txNodes != nil {
		out := make([]*actionRow, len(job.txNodes))
		for i, r := range job.txNodes {
			c := *r
			out[i] = &c
		}
		return out, nil
	}
	rows, err := loadActions(ctx, q, job.id)
	if err != nil {
		return nil, err
	}
	x := job.nodeExtras()
	for _, r := range rows {
		r.extras = x
	}
	return rows, nil
}

// loadActions reads the node rows of job wfID in the order they were
// created.
func loadActions(ctx context.Context, q querier, wfID string) ([]*actionRow, error) {
	rows, err := q.QueryContext(ctx, actions.SelectFrom()+`WHERE wf_id = ? ORDER BY created_time, id`, wfID)
	if err != nil {
		return nil, fmt.Errorf("workflow: loading actions of %s: %w", wfID, err)
	}
	found, err := actions.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("workflow: reading actions of %s: %w", wfID, err)
	}
	out := make([]*actionRow, len(found))
	for i := range found {
		out[i] = &found[i]
	}
	return out, nil
}

// insertAction creates a node's row as of now unless it exists; inserted
// tells which.
func insertAction(ctx context.Context, q querier, a *actionRow, now time.Time) (inserted bool, err error) {
	row := *a
	row.created, row.modified = fmtTime(now), fmtTime(now)
	res, err := q.ExecContext(ctx, actions.Insert()+` ON CONFLICT (id) DO NOTHING`, actions.Values(&row)...)
	if err != nil {
		return false, fmt.Errorf("workflow: storing node %s: %w", a.id, err)
	}
	n, err := res.RowsAffected()
	if err != nil || n != 1 {
		return false, err
	}
	if row.typ == ir.NodeDecision && row.status == ActionOK {
		// A decision is decided as it is entered: one exit notification.
		x, err := readNodeExtras(ctx, q, &row)
		if err != nil {
			return false, err
		}
		return true, afterNodeChange(ctx, q, &row, ActionPrep, x, now)
	}
	return true, nil
}

// insertStarted inserts a, a node entered and started at once (RUNNING),
// with what its move from PREP implies (afterNodeChange), as insertAction
// of its PREP row and updateAction would.
func insertStarted(ctx context.Context, tx *sql.Tx, a *actionRow, now time.Time) (bool, error) {
	x, err := readNodeExtras(ctx, tx, a)
	if err != nil {
		return false, err
	}
	inserted, err := insertAction(ctx, tx, a, now)
	if err != nil || !inserted || x.none() {
		return inserted, err
	}
	return true, afterNodeChange(ctx, tx, a, ActionPrep, x, now)
}

// updateAction writes a's mutable columns if the row is still in status
// from (and, when wfRunning, its job is RUNNING); ok is false otherwise.
// A status change also records what it implies (afterNodeChange) in the
// same transaction, when the job has an SLA or action notifications.
func updateAction(ctx context.Context, q querier, a *actionRow, from ActionStatus, wfRunning bool, now time.Time) (changed bool, err error) {
	return updateNode(ctx, q, nil, a, from, wfRunning, now)
}

// updateNode is updateAction of a node of job: in a transaction, the
// UPDATE of a change also returns the job's status there, which job then
// carries (jobRow.tx). A nil job is updateAction.
func updateNode(ctx context.Context, q querier, job *jobRow, a *actionRow, from ActionStatus, wfRunning bool, now time.Time) (changed bool, err error) {
	if a.status == from {
		return updateActionIn(ctx, q, job, a, from, wfRunning, now)
	}
	x, err := readNodeExtras(ctx, q, a)
	if err != nil || x.none() {
		if err != nil {
			return false, err
		}
		return updateActionIn(ctx, q, job, a, from, wfRunning, now)
	}
	err = atomically(ctx, q, func(q querier) error {
		changed, err = updateActionIn(ctx, q, job, a, from, wfRunning, now)
		if err != nil || !changed {
			return err
		}
		return afterNodeChange(ctx, q, a, from, x, now)
	})
	return changed, err
}

// atomically runs fn in q when q is a transaction, else in a transaction
// of its own on q.
func atomically(ctx context.Context, q querier, fn func(querier) error) error {
	db, ok := q.(*sql.DB)
	if !ok {
		return fn(q)
	}
	return withTx(ctx, db, func(tx *sql.Tx) error { return fn(tx) })
}

// withTx runs fn in one transaction on db.
func withTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	return runTx(tx, err, fn)
}

// inSharedTx runs fn in a transaction begun on a connection of the
// engine's database held for it (so that the scheduler, in a Then, can
// run its own statements in it: runner.Tx) and commits it.
func (e *Engine) inSharedTx(ctx context.Context, fn func(tx runner.Tx) error) error {
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	return runTx(tx, err, func(tx *sql.Tx) error { return fn(runner.Tx{Conn: conn, Tx: tx}) })
}

// runTx runs fn in tx, begun with error err, and commits it; an error of
// fn rolls it back.
func runTx(tx *sql.Tx, err error, fn func(tx *sql.Tx) error) error {
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return nil
}

// updateActionIn is updateNode's UPDATE.
func updateActionIn(ctx context.Context, q querier, job *jobRow, a *actionRow, from ActionStatus, wfRunning bool, now time.Time) (bool, error) {
	var data any
	if a.data != nil {
		b, err := json.Marshal(a.data)
		if err != nil {
			return false, err
		}
		data = string(b)
	}
	query := `UPDATE wf_actions SET status = ?, transition = ?, conf = ?, external_id = ?, external_status = ?,
		start_time = ?, end_time = ?, last_check_time = ?, last_modified_time = ?, retries = ?, data = ?,
		error_code = ?, error_message = ? WHERE id = ? AND status = ?`
	args := []any{a.status, nullable(a.transition), nullable(a.conf), nullable(a.externalID), nullable(a.externalStatus),
		nullable(a.start), nullable(a.end), fmtTime(now), fmtTime(now), a.retries, data,
		nullable(a.errorCode), nullable(a.errorMessage), a.id, from}
	if a.guardExternalID != "" {
		query += ` AND external_id = ?`
		args = append(args, a.guardExternalID)
	}
	if wfRunning {
		query += ` AND EXISTS (SELECT 1 FROM wf_jobs WHERE wf_jobs.id = wf_actions.wf_id AND wf_jobs.status = 'RUNNING')`
	}
	tx, inTx := q.(*sql.Tx)
	if job != nil && inTx {
		var status sql.NullString
		err := q.QueryRowContext(ctx, query+` RETURNING (SELECT status FROM wf_jobs WHERE wf_jobs.id = wf_actions.wf_id)`, args...).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("workflow: updating node %s: %w", a.id, err)
		}
		job.setTxStatus(tx, runner.Status(status.String))
		return true, nil
	}
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("workflow: updating node %s: %w", a.id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
