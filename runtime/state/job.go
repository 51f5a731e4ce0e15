package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gosimple/slug"
)

// ErrNotFound is returned (wrapped) for an unknown job or action ID.
var ErrNotFound = errors.New("not found")

// Job is a coordinator job (a coord_jobs row).
type Job struct {
	ID             string
	AppName        string
	AppPath        string
	AppNamespace   string
	DefinitionHash string
	// Conf holds the job properties as a JSON object.
	Conf             string
	Frequency        string
	TimeUnit         string
	EndOfDuration    string
	TimeZone         string
	Start, End       time.Time
	PauseTime        time.Time
	Concurrency      int
	Throttle         int
	Timeout          int
	Execution        Execution
	Status           JobStatus
	LastActionNumber int
	// NextMatdTime is the nominal time of the next action to materialize;
	// zero when none is left.
	NextMatdTime          time.Time
	DoneMaterialization   bool
	User, BundleID        string
	Created, LastModified time.Time
	SuspendedTime         time.Time
	Pending               bool
}

const jobColumns = `id, app_name, app_path, app_namespace, definition_hash, conf, frequency, time_unit, end_of_duration,
	time_zone, start_time, end_time, pause_time, concurrency, mat_throttling, time_out, execution, status,
	last_action_number, next_matd_time, done_materialization, user_name, bundle_id, created_time,
	last_modified_time, suspended_time, pending`

// CreateJob stores j as a new PREP job with a fresh ID
// "<7-digit sequence>-<slug of the app name>-C" (the sequence continues from
// the highest stored one) and returns the ID. j.ID, Status, Created and
// LastModified are set by the store; NextMatdTime defaults to Start.
func (t *Tx) CreateJob(ctx context.Context, j Job) (string, error) {
	seq, err := t.lastJobSeq(ctx)
	if err != nil {
		return "", err
	}
	name := slug.Make(j.AppName)
	if name == "" {
		name = "coord"
	}
	id := fmt.Sprintf("%07d-%s-C", seq+1, name)
	if len(id) > 64 {
		id = fmt.Sprintf("%07d-%s-C", seq+1, strings.TrimRight(name[:64-10], "-"))
	}
	now := FormatTime(t.now())
	next := j.NextMatdTime
	if next.IsZero() {
		next = j.Start
	}
	_, err = t.q.ExecContext(ctx, `INSERT INTO coord_jobs (`+jobColumns+`) VALUES
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, j.AppName, j.AppPath, j.AppNamespace, j.DefinitionHash, j.Conf, j.Frequency, j.TimeUnit, j.EndOfDuration,
		j.TimeZone, FormatTime(j.Start), FormatTime(j.End), nullTime(j.PauseTime), j.Concurrency, j.Throttle,
		j.Timeout, string(j.Execution), string(JobPrep), j.LastActionNumber, nullTime(next), boolInt(j.DoneMaterialization),
		nullString(j.User), nullString(j.BundleID), now, now, nil, 0)
	if err != nil {
		return "", fmt.Errorf("create job %s: %w", id, err)
	}
	return id, nil
}

// lastJobSeq is the highest job sequence number stored (0 when none).
func (t *Tx) lastJobSeq(ctx context.Context) (int, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT id FROM coord_jobs`)
	if err != nil {
		return 0, fmt.Errorf("list job ids: %w", err)
	}
	defer rows.Close()
	max := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		head, _, _ := strings.Cut(id, "-")
		if n, err := strconv.Atoi(head); err == nil && n > max {
			max = n
		}
	}
	return max, rows.Err()
}

// GetJob reads one job; the error wraps ErrNotFound for an unknown ID.
func (t *Tx) GetJob(ctx context.Context, id string) (Job, error) {
	jobs, err := t.queryJobs(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Job{}, err
	}
	if len(jobs) == 0 {
		return Job{}, fmt.Errorf("coordinator job %q: %w", id, ErrNotFound)
	}
	return jobs[0], nil
}

// ListJobs reads the jobs in one of the statuses (all jobs when none is
// given), oldest first.
func (t *Tx) ListJobs(ctx context.Context, statuses ...JobStatus) ([]Job, error) {
	if len(statuses) == 0 {
		return t.queryJobs(ctx, `ORDER BY created_time, id`)
	}
	where, args := inList("status", statuses)
	return t.queryJobs(ctx, `WHERE `+where+` ORDER BY created_time, id`, args...)
}

func (t *Tx) queryJobs(ctx context.Context, tail string, args ...any) ([]Job, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT `+jobColumns+` FROM coord_jobs `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		var j Job
		var start, end, created, modified string
		var pause, next, suspended, user, bundle sql.NullString
		var done, pending int
		if err := rows.Scan(&j.ID, &j.AppName, &j.AppPath, &j.AppNamespace, &j.DefinitionHash, &j.Conf, &j.Frequency,
			&j.TimeUnit, &j.EndOfDuration, &j.TimeZone, &start, &end, &pause, &j.Concurrency, &j.Throttle, &j.Timeout,
			&j.Execution, &j.Status, &j.LastActionNumber, &next, &done, &user, &bundle, &created, &modified,
			&suspended, &pending); err != nil {
			return nil, fmt.Errorf("read jobs: %w", err)
		}
		var ts timeScanner
		j.Start, j.End, j.PauseTime = ts.parse(start), ts.parse(end), ts.null(pause)
		j.NextMatdTime, j.Created, j.LastModified = ts.null(next), ts.parse(created), ts.parse(modified)
		j.SuspendedTime = ts.null(suspended)
		if ts.err != nil {
			return nil, fmt.Errorf("job %s: %w", j.ID, ts.err)
		}
		j.DoneMaterialization, j.Pending = done != 0, pending != 0
		j.User, j.BundleID = user.String, bundle.String
		out = append(out, j)
	}
	return out, rows.Err()
}

// JobFields are the columns a job transition sets besides the status; nil
// fields are left alone.
type JobFields struct {
	SuspendedTime *time.Time // the zero time stores NULL
	Pending       *bool
}

// TransitionJob moves job id to status to if it is in one of from, setting
// set, in one guarded UPDATE. ok is false when the job was in none of from
// (or does not exist). A transition the state machine does not allow is an
// error.
func (t *Tx) TransitionJob(ctx context.Context, id string, from []JobStatus, to JobStatus, set JobFields) (bool, error) {
	for _, f := range from {
		if f != to && !CanTransitionJob(f, to) {
			return false, fmt.Errorf("job %s: transition %s → %s is not allowed", id, f, to)
		}
	}
	sets := []string{"status = ?", "last_modified_time = ?"}
	args := []any{string(to), FormatTime(t.now())}
	if set.SuspendedTime != nil {
		sets, args = append(sets, "suspended_time = ?"), append(args, nullTime(*set.SuspendedTime))
	}
	if set.Pending != nil {
		sets, args = append(sets, "pending = ?"), append(args, boolInt(*set.Pending))
	}
	where, wargs := inList("status", from)
	return t.update(ctx, `UPDATE coord_jobs SET `+strings.Join(sets, ", ")+` WHERE id = ? AND `+where,
		append(append(args, id), wargs...))
}

// update runs a guarded UPDATE and reports whether a row changed.
func (t *Tx) update(ctx context.Context, query string, args []any) (bool, error) {
	res, err := t.q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// inList renders "col IN (?, ?)" with its arguments; an empty list matches
// nothing.
func inList[T ~string](col string, vals []T) (string, []any) {
	if len(vals) == 0 {
		return "1 = 0", nil
	}
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = string(v)
	}
	return col + " IN (?" + strings.Repeat(", ?", len(vals)-1) + ")", args
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
