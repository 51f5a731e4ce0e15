package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
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
	// Definition holds the files the job was compiled from, a JSON object
	// of absolute path → content; "" for a job submitted before schema
	// version 3.
	Definition string
	// NextDue is when a job with no active action next has work; zero
	// means at once (see DueJobs).
	NextDue time.Time
	// DueSeq counts the operations that made the job due (MarkDue).
	DueSeq int
}

// jobs declares the coord_jobs columns a Job maps.
var jobs = &sqltable.Table[Job]{Name: "coord_jobs", Cols: []sqltable.Column[Job]{
	sqltable.Text("id", func(j *Job) *string { return &j.ID }),
	sqltable.Text("app_name", func(j *Job) *string { return &j.AppName }),
	sqltable.Text("app_path", func(j *Job) *string { return &j.AppPath }),
	sqltable.Text("app_namespace", func(j *Job) *string { return &j.AppNamespace }),
	sqltable.Text("definition_hash", func(j *Job) *string { return &j.DefinitionHash }),
	sqltable.Text("conf", func(j *Job) *string { return &j.Conf }),
	sqltable.Text("frequency", func(j *Job) *string { return &j.Frequency }),
	sqltable.Text("time_unit", func(j *Job) *string { return &j.TimeUnit }),
	sqltable.Text("end_of_duration", func(j *Job) *string { return &j.EndOfDuration }),
	sqltable.Text("time_zone", func(j *Job) *string { return &j.TimeZone }),
	timestamp("start_time", func(j *Job) *time.Time { return &j.Start }),
	timestamp("end_time", func(j *Job) *time.Time { return &j.End }),
	optTimestamp("pause_time", func(j *Job) *time.Time { return &j.PauseTime }),
	sqltable.Integer("concurrency", func(j *Job) *int { return &j.Concurrency }),
	sqltable.Integer("mat_throttling", func(j *Job) *int { return &j.Throttle }),
	sqltable.Integer("time_out", func(j *Job) *int { return &j.Timeout }),
	sqltable.Text("execution", func(j *Job) *Execution { return &j.Execution }),
	sqltable.Text("status", func(j *Job) *JobStatus { return &j.Status }),
	sqltable.Integer("last_action_number", func(j *Job) *int { return &j.LastActionNumber }),
	optTimestamp("next_matd_time", func(j *Job) *time.Time { return &j.NextMatdTime }),
	sqltable.Flag("done_materialization", func(j *Job) *bool { return &j.DoneMaterialization }),
	sqltable.OptText("user_name", func(j *Job) *string { return &j.User }),
	sqltable.OptText("bundle_id", func(j *Job) *string { return &j.BundleID }),
	timestamp("created_time", func(j *Job) *time.Time { return &j.Created }),
	timestamp("last_modified_time", func(j *Job) *time.Time { return &j.LastModified }),
	optTimestamp("suspended_time", func(j *Job) *time.Time { return &j.SuspendedTime }),
	sqltable.Flag("pending", func(j *Job) *bool { return &j.Pending }),
	sqltable.OptText("definition", func(j *Job) *string { return &j.Definition }),
	optTimestamp("next_due_time", func(j *Job) *time.Time { return &j.NextDue }),
	sqltable.Integer("due_seq", func(j *Job) *int { return &j.DueSeq }),
}}

// CreateJob stores j as a new PREP job with a fresh ID
// "<7-digit sequence>-<slug of the app name>-C" (the sequence continues from
// the highest stored one) and returns the ID. j.ID, Status, Created and
// LastModified are set by the store; NextMatdTime defaults to Start.
func (t *Tx) CreateJob(ctx context.Context, j Job) (string, error) {
	if err := t.lockJobCreation(ctx); err != nil {
		return "", err
	}
	seq, err := t.lastSeq(ctx, "coord_jobs")
	if err != nil {
		return "", err
	}
	id := sequenceID(seq+1, j.AppName, "coord", "C")
	if j.NextMatdTime.IsZero() {
		j.NextMatdTime = j.Start
	}
	j.ID, j.Status, j.SuspendedTime, j.Pending = id, JobPrep, time.Time{}, false
	j.Created = t.now()
	j.LastModified = j.Created
	if _, err = t.q.ExecContext(ctx, jobs.Insert(), jobs.Values(&j)...); err != nil {
		return "", fmt.Errorf("create job %s: %w", id, err)
	}
	return id, nil
}

// SubmitJob stores j as a new PREP job unless a job of the same definition
// file, coordinator name and definition hash exists (whatever its status),
// and returns the job's ID and whether it was created now. Looking up and
// creating is one transaction, and the unique index coord_jobs_submission
// backs it, so processes submitting the same definition at the same instant
// get one job.
func (s *Store) SubmitJob(ctx context.Context, j Job) (id string, created bool, err error) {
	for attempt := 0; ; attempt++ {
		err = s.Tx(ctx, func(tx *Tx) error {
			if err := tx.lockJobCreation(ctx); err != nil {
				return err
			}
			var err error
			id, err = tx.submittedJob(ctx, j)
			if err != nil || id != "" {
				return err
			}
			id, err = tx.CreateJob(ctx, j)
			created = err == nil
			return err
		})
		// A unique-index violation means another process won the race
		// between the lookup and the insert (a database without
		// serialized writers): the job exists now.
		if err == nil || attempt > 0 || !isConstraintError(err) {
			return id, created, err
		}
	}
}

// jobCreationLock is the PostgreSQL advisory lock key that serializes job
// creation (the next job sequence number and the submission lookup).
const jobCreationLock = 0x636f6f7264 + 1

// lockJobCreation takes, on PostgreSQL, the transaction's advisory lock
// that orders job creations, as SQLite's single writer does: the sequence
// number read and the submission lookup then see every committed job. The
// unique index coord_jobs_submission stays the guarantee.
func (t *Tx) lockJobCreation(ctx context.Context) error {
	if t.backend != PostgreSQL {
		return nil
	}
	if _, err := t.q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, jobCreationLock); err != nil {
		return fmt.Errorf("lock job creation: %w", err)
	}
	return nil
}

// submittedJob is the oldest job of j's definition file, name and hash
// ("" when none).
func (t *Tx) submittedJob(ctx context.Context, j Job) (string, error) {
	var id string
	err := t.q.QueryRowContext(ctx, `SELECT id FROM coord_jobs WHERE app_path = ? AND app_name = ? AND definition_hash = ?
		ORDER BY id LIMIT 1`, j.AppPath, j.AppName, j.DefinitionHash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("look up submitted job: %w", err)
	}
	return id, nil
}

// isConstraintError reports whether err is a UNIQUE (or other constraint)
// violation.
func isConstraintError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint") || strings.Contains(msg, "constraint failed") ||
		strings.Contains(msg, "duplicate key value")
}

// sequenceID is a job ID "<7-digit seq>-<slug of name>-<kind>" (fallback
// when the name has no slug), at most 64 characters.
func sequenceID(seq int, name, fallback, kind string) string {
	s := slug.Make(name)
	if s == "" {
		s = fallback
	}
	id := fmt.Sprintf("%07d-%s-%s", seq, s, kind)
	if len(id) > 64 {
		id = fmt.Sprintf("%07d-%s-%s", seq, strings.TrimRight(s[:64-10], "-"), kind)
	}
	return id
}

// lastSeq is the highest sequence number of the IDs stored in table
// (coord_jobs or bundle_jobs; 0 when none).
func (t *Tx) lastSeq(ctx context.Context, table string) (int, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT id FROM `+table)
	if err != nil {
		return 0, fmt.Errorf("list %s ids: %w", table, err)
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
	rows, err := t.q.QueryContext(ctx, jobs.SelectFrom()+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read jobs: %w", err)
	}
	out, err := jobs.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("read jobs: %w", err)
	}
	return out, nil
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
	sets := []string{"status = ?", "last_modified_time = ?", "next_due_time = NULL", "due_seq = due_seq + 1"}
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
