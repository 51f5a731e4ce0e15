package state

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// Action is a coordinator action (a coord_actions row).
type Action struct {
	ID      string // "<job id>@<number>"
	JobID   string
	Number  int
	Nominal time.Time
	Status  ActionStatus
	// Created is the materialization time, coord:actualTime().
	Created, LastModified time.Time
	RerunTime             time.Time
	// Timeout is in minutes, fixed at materialization.
	Timeout int
	// Run is 0, then 1, 2 … per rerun.
	Run int
	// ActionJSON is the planned action (inputs, outputs) as JSON.
	ActionJSON          string
	MissingDependencies string
	// RunConf is the resolved action configuration (JSON object), set at READY.
	RunConf        string
	ExternalID     string
	ExternalStatus string
	ErrorCode      string
	ErrorMessage   string
	// Pending is set while a call to the runner for this action may be in
	// flight (start, kill, suspend, resume), so a restart repeats it.
	Pending bool
	// Owner is the scheduler that started the action (a Schedulers ID);
	// "" for an action not started or started before schema version 3.
	Owner string
}

// actions declares the coord_actions columns an Action maps.
var actions = &sqltable.Table[Action]{Name: "coord_actions", Cols: []sqltable.Column[Action]{
	sqltable.Text("id", func(a *Action) *string { return &a.ID }),
	sqltable.Text("job_id", func(a *Action) *string { return &a.JobID }),
	sqltable.Integer("action_number", func(a *Action) *int { return &a.Number }),
	timestamp("nominal_time", func(a *Action) *time.Time { return &a.Nominal }),
	sqltable.Text("status", func(a *Action) *ActionStatus { return &a.Status }),
	timestamp("created_time", func(a *Action) *time.Time { return &a.Created }),
	timestamp("last_modified_time", func(a *Action) *time.Time { return &a.LastModified }),
	optTimestamp("rerun_time", func(a *Action) *time.Time { return &a.RerunTime }),
	sqltable.Integer("time_out", func(a *Action) *int { return &a.Timeout }),
	sqltable.Integer("run", func(a *Action) *int { return &a.Run }),
	sqltable.Text("action_json", func(a *Action) *string { return &a.ActionJSON }),
	sqltable.OptText("missing_dependencies", func(a *Action) *string { return &a.MissingDependencies }),
	sqltable.OptText("run_conf", func(a *Action) *string { return &a.RunConf }),
	sqltable.OptText("external_id", func(a *Action) *string { return &a.ExternalID }),
	sqltable.OptText("external_status", func(a *Action) *string { return &a.ExternalStatus }),
	sqltable.OptText("error_code", func(a *Action) *string { return &a.ErrorCode }),
	sqltable.OptText("error_message", func(a *Action) *string { return &a.ErrorMessage }),
	sqltable.Flag("pending", func(a *Action) *bool { return &a.Pending }),
	sqltable.OptText("owner", func(a *Action) *string { return &a.Owner }),
}}

// changedActions are the columns of coord_actions that a transition's
// statement returns of the changed row: what its event needs (actionEvent).
// The whole row would also read action_json, the action's largest value,
// for every transition.
var changedActions = actions.Only("id", "job_id", "nominal_time", "external_id", "missing_dependencies", "error_code", "error_message")

// ActionID is the ID of action number n of job.
func ActionID(job string, n int) string { return fmt.Sprintf("%s@%d", job, n) }

// jobOfAction is the job ID in an action ID, ActionID's inverse; "" when id
// has none.
func jobOfAction(id string) string {
	if i := strings.LastIndexByte(id, '@'); i > 0 {
		return id[:i]
	}
	return ""
}

// NewAction is an action to materialize (stored WAITING).
type NewAction struct {
	Number     int
	Nominal    time.Time
	Timeout    int
	ActionJSON string
}

// Materialization is one materialization run of a job.
type Materialization struct {
	JobID string
	// ExpectLast is the job's last_action_number the run was computed from;
	// the run is dropped (ok = false) when another process moved it.
	ExpectLast int
	Actions    []NewAction
	// NextMatdTime is the nominal time of the next action; zero when none.
	NextMatdTime time.Time
	Done         bool
	// Running moves a PREP job to RUNNING in the same transaction.
	Running bool
}

// Materialize stores m's actions (WAITING, created now) and the job's
// last_action_number, next_matd_time and done_materialization in one
// transaction. It must run inside Store.Tx (or Store.Materialize).
func (t *Tx) Materialize(ctx context.Context, m Materialization) (bool, error) {
	last := m.ExpectLast
	if n := len(m.Actions); n > 0 {
		last = m.Actions[n-1].Number
	}
	ok, err := t.update(ctx, `UPDATE coord_jobs SET last_action_number = ?, next_matd_time = ?, done_materialization = ?,
		last_modified_time = ? WHERE id = ? AND last_action_number = ?`,
		[]any{last, nullTime(m.NextMatdTime), boolInt(m.Done), FormatTime(t.now()), m.JobID, m.ExpectLast})
	if err != nil || !ok {
		return false, err
	}
	now := t.now()
	insert := actions.Insert()
	for _, a := range m.Actions {
		row := Action{ID: ActionID(m.JobID, a.Number), JobID: m.JobID, Number: a.Number, Nominal: a.Nominal,
			Status: Waiting, Created: now, LastModified: now, Timeout: a.Timeout, ActionJSON: a.ActionJSON}
		if _, err := t.q.ExecContext(ctx, insert, actions.Values(&row)...); err != nil {
			return false, fmt.Errorf("materialize action %s: %w", ActionID(m.JobID, a.Number), err)
		}
	}
	if m.Running {
		if _, err := t.TransitionJob(ctx, m.JobID, []JobStatus{JobPrep}, JobRunning, JobFields{}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// GetAction reads one action; the error wraps ErrNotFound for an unknown ID.
func (t *Tx) GetAction(ctx context.Context, id string) (Action, error) {
	acts, err := t.queryActions(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Action{}, err
	}
	if len(acts) == 0 {
		return Action{}, fmt.Errorf("coordinator action %q: %w", id, ErrNotFound)
	}
	return acts[0], nil
}

// ActionsByStatus reads a job's actions in the statuses, ordered by nominal
// time, at most limit of them (limit ≤ 0: all). It reads through the
// (job_id, status) index and sorts the matches itself: with ORDER BY
// nominal_time SQLite would walk the (job_id, nominal_time) index over every
// action of the job, finished ones included.
func (t *Tx) ActionsByStatus(ctx context.Context, job string, statuses []ActionStatus, order Order, limit int) ([]Action, error) {
	where, args := inList("status", statuses)
	acts, err := t.queryActions(ctx, `WHERE job_id = ? AND `+where, append([]any{job}, args...)...)
	if err != nil {
		return nil, err
	}
	sort.Slice(acts, func(i, j int) bool {
		if order == NewestFirst {
			return acts[i].Nominal.After(acts[j].Nominal)
		}
		return acts[i].Nominal.Before(acts[j].Nominal)
	})
	if limit > 0 && len(acts) > limit {
		acts = acts[:limit]
	}
	return acts, nil
}

// ActionsByNumber reads a job's actions with the given numbers, in number
// order; unknown numbers are skipped.
func (t *Tx) ActionsByNumber(ctx context.Context, job string, numbers []int) ([]Action, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	args := []any{job}
	for _, n := range numbers {
		args = append(args, n)
	}
	return t.queryActions(ctx, `WHERE job_id = ? AND action_number IN (?`+strings.Repeat(", ?", len(numbers)-1)+`) ORDER BY action_number`, args...)
}

// ActionsInRange reads a job's actions with from ≤ nominal time ≤ to (both
// inclusive, as Oozie's rerun -date), in number order.
func (t *Tx) ActionsInRange(ctx context.Context, job string, from, to time.Time) ([]Action, error) {
	return t.queryActions(ctx, `WHERE job_id = ? AND nominal_time >= ? AND nominal_time <= ? ORDER BY action_number`,
		job, FormatTime(from), FormatTime(to))
}

func (t *Tx) queryActions(ctx context.Context, tail string, args ...any) ([]Action, error) {
	rows, err := t.q.QueryContext(ctx, actions.SelectFrom()+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	out, err := actions.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	return out, nil
}
