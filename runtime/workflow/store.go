package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/coordc/coordc/runtime/runner"
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

// jobRow is a wf_jobs row.
type jobRow struct {
	id, parentID, appName, appPath, user string
	status                               runner.Status
	conf                                 map[string]string
	run                                  int
	errorCode, errorMessage              string
}

// actionRow is a wf_actions row.
type actionRow struct {
	id, wfID, name, typ, transition  string
	status                           ActionStatus
	externalID, externalStatus, conf string
	created, start, end              string
	retries, retryMax, retryInterval int
	data                             map[string]string
	errorCode, errorMessage          string
	// guardExternalID, when set, makes updateAction require this
	// external_id too (a relaunch replaces a recorded process).
	guardExternalID string
}

// errNotFound is returned for an unknown workflow job ID.
var errNotFound = errors.New("workflow job not found")

func insertJob(ctx context.Context, q querier, j *jobRow, now time.Time) (bool, error) {
	conf, err := json.Marshal(j.conf)
	if err != nil {
		return false, err
	}
	ts := fmtTime(now)
	res, err := q.ExecContext(ctx, `INSERT INTO wf_jobs (id, parent_id, app_name, app_path, conf, user_name, status, run,
		created_time, start_time, last_modified_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		j.id, j.parentID, j.appName, j.appPath, string(conf), j.user, j.status, j.run, ts, ts, ts)
	if err != nil {
		return false, fmt.Errorf("workflow: storing job %s: %w", j.id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func loadJob(ctx context.Context, q querier, id string) (*jobRow, error) {
	var j jobRow
	var parent, user, code, msg sql.NullString
	var conf string
	err := q.QueryRowContext(ctx, `SELECT id, parent_id, app_name, app_path, conf, user_name, status, run, error_code, error_message
		FROM wf_jobs WHERE id = ?`, id).Scan(&j.id, &parent, &j.appName, &j.appPath, &conf, &user, &j.status, &j.run, &code, &msg)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("workflow: %w: %s", errNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("workflow: loading job %s: %w", id, err)
	}
	j.parentID, j.user, j.errorCode, j.errorMessage = parent.String, user.String, code.String, msg.String
	if err := json.Unmarshal([]byte(conf), &j.conf); err != nil {
		return nil, fmt.Errorf("workflow: job %s has an invalid conf: %w", id, err)
	}
	return &j, nil
}

// setJobStatus moves job id from one of the statuses in from to to; ok is
// false when the job was in another status.
func setJobStatus(ctx context.Context, q querier, id string, from []runner.Status, to runner.Status, code, msg string, now time.Time) (bool, error) {
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

const actionColumns = `id, wf_id, name, type, status, transition, conf, external_id, external_status, created_time,
	start_time, end_time, retries, user_retry_max, user_retry_interval, data, error_code, error_message`

func loadActions(ctx context.Context, q querier, wfID string) ([]*actionRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+actionColumns+` FROM wf_actions WHERE wf_id = ? ORDER BY created_time, id`, wfID)
	if err != nil {
		return nil, fmt.Errorf("workflow: loading actions of %s: %w", wfID, err)
	}
	defer rows.Close()
	var out []*actionRow
	for rows.Next() {
		var a actionRow
		var tr, conf, ext, extSt, start, end, data, code, msg sql.NullString
		if err := rows.Scan(&a.id, &a.wfID, &a.name, &a.typ, &a.status, &tr, &conf, &ext, &extSt, &a.created,
			&start, &end, &a.retries, &a.retryMax, &a.retryInterval, &data, &code, &msg); err != nil {
			return nil, fmt.Errorf("workflow: reading actions of %s: %w", wfID, err)
		}
		a.transition, a.conf, a.externalID, a.externalStatus = tr.String, conf.String, ext.String, extSt.String
		a.start, a.end, a.errorCode, a.errorMessage = start.String, end.String, code.String, msg.String
		if data.Valid {
			if err := json.Unmarshal([]byte(data.String), &a.data); err != nil {
				return nil, fmt.Errorf("workflow: action %s has invalid data: %w", a.id, err)
			}
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

// insertAction creates a node's row unless it exists; inserted tells which.
func insertAction(ctx context.Context, q querier, a *actionRow, now time.Time) (inserted bool, err error) {
	ts := fmtTime(now)
	res, err := q.ExecContext(ctx, `INSERT INTO wf_actions (id, wf_id, name, type, status, transition, created_time,
		start_time, end_time, last_modified_time, user_retry_max, user_retry_interval, error_code, error_message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		a.id, a.wfID, a.name, a.typ, a.status, nullable(a.transition), ts, nullable(a.start), nullable(a.end), ts,
		a.retryMax, a.retryInterval, nullable(a.errorCode), nullable(a.errorMessage))
	if err != nil {
		return false, fmt.Errorf("workflow: storing node %s: %w", a.id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// updateAction writes a's mutable columns if the row is still in status
// from (and, when wfRunning, its job is RUNNING); ok is false otherwise.
func updateAction(ctx context.Context, q querier, a *actionRow, from ActionStatus, wfRunning bool, now time.Time) (bool, error) {
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
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("workflow: updating node %s: %w", a.id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
