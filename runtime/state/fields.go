package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Fields are the columns an action transition sets besides the status; nil
// fields are left alone.
type Fields struct {
	ExternalID          *string
	ExternalStatus      *string
	ErrorCode           *string
	ErrorMessage        *string
	MissingDependencies *string
	RunConf             *string
	ActionJSON          *string
	Pending             *bool
	Run                 *int
	RerunTime           *time.Time
	Owner               *string
}

// Ptr returns a pointer to v, for Fields and JobFields literals.
func Ptr[T any](v T) *T { return &v }

// assignments renders the SET list of f.
func (f Fields) assignments() ([]string, []any) {
	var sets []string
	var args []any
	str := func(col string, v *string) {
		if v != nil {
			sets, args = append(sets, col+" = ?"), append(args, nullString(*v))
		}
	}
	str("external_id", f.ExternalID)
	str("external_status", f.ExternalStatus)
	str("error_code", f.ErrorCode)
	str("error_message", f.ErrorMessage)
	str("missing_dependencies", f.MissingDependencies)
	str("run_conf", f.RunConf)
	str("owner", f.Owner)
	if f.ActionJSON != nil {
		sets, args = append(sets, "action_json = ?"), append(args, *f.ActionJSON)
	}
	if f.Pending != nil {
		sets, args = append(sets, "pending = ?"), append(args, boolInt(*f.Pending))
	}
	if f.Run != nil {
		sets, args = append(sets, "run = ?"), append(args, *f.Run)
	}
	if f.RerunTime != nil {
		sets, args = append(sets, "rerun_time = ?"), append(args, nullTime(*f.RerunTime))
	}
	return sets, args
}

// TransitionAction moves action id to status to if it is in one of from,
// setting set, in one guarded UPDATE … WHERE id = ? AND status IN (…). ok
// is false when the action was in none of from (or does not exist). A
// transition the state machine does not allow is an error; from may contain
// to itself to update fields without changing the status.
func (t *Tx) TransitionAction(ctx context.Context, id string, from []ActionStatus, to ActionStatus, set Fields) (bool, error) {
	if err := checkActionTransition(id, from, to); err != nil {
		return false, err
	}
	changed, err := t.statusChanges(ctx, id, from, to)
	if err != nil {
		return false, err
	}
	c := t.actionChange(id, from, to, set, changed)
	var ok bool
	var changedRow *Action
	if c.returns {
		changedRow, err = t.returning(ctx, c.query, c.args)
		ok = changedRow != nil
	} else {
		ok, err = t.update(ctx, c.query, c.args)
	}
	if err != nil {
		return false, c.failed(err)
	}
	if ok && changed {
		if err := t.afterActionChange(ctx, id, changedRow, to, c.slaDone); err != nil {
			return false, err // the caller's transaction rolls the change back
		}
	}
	return ok, nil
}

// checkActionTransition is the error of a transition of action id from
// one of from to to that the state machine does not allow.
func checkActionTransition(id string, from []ActionStatus, to ActionStatus) error {
	for _, f := range from {
		if f != to && !CanTransitionAction(f, to) {
			return fmt.Errorf("action %s: transition %s → %s is not allowed", id, f, to)
		}
	}
	return nil
}

// actionChange is the statement of a guarded action transition.
type actionChange struct {
	id    string
	to    ActionStatus
	query string
	args  []any
	// returns: the statement returns the changed row (none when the guard
	// matched nothing), which the change's event needs; otherwise its
	// result is the number of rows changed.
	returns bool
	// slaDone: the statement updates the SLA summary itself (PostgreSQL).
	slaDone bool
	// prev: the statement returns, after the changed row, the status the
	// action had (keepingChange).
	prev bool
}

// actionChange renders the statement moving action id from one of from to
// to, setting set; changed says the status changes and has an event (see
// statusChanges).
func (t *Tx) actionChange(id string, from []ActionStatus, to ActionStatus, set Fields, changed bool) actionChange {
	sets, args := set.assignments()
	sets = append([]string{"status = ?", "last_modified_time = ?"}, sets...)
	args = append([]any{string(to), FormatTime(t.now())}, args...)
	guard := "status"
	if t.backend == PostgreSQL {
		// The row is found by its primary key, never by the status index:
		// without statistics (a table just materialized, not yet
		// analyzed) PostgreSQL's planner rates both lookups alike and may
		// scan every action in the status instead (|| '' keeps an
		// expression from using an index; status is NOT NULL).
		guard = "(status || '')"
	}
	where, wargs := inList(guard, from)
	query := `UPDATE coord_actions SET ` + strings.Join(sets, ", ") + ` WHERE id = ? AND ` + where
	args = append(append(args, id), wargs...)
	c := actionChange{id: id, to: to, query: query, args: args}
	switch {
	case changed && t.backend == PostgreSQL:
		// One round trip: the guarded update returns the changed row (for
		// the event) and updates the SLA summary in the same statement.
		set, slaArgs := slaChange(to, FormatTime(t.now()))
		c.query = `WITH a AS (` + query + ` RETURNING ` + changedActions.Columns() + `), s AS (UPDATE sla_summary SET ` + set +
			` WHERE job_id = (SELECT id FROM a)) SELECT ` + changedActions.Columns() + ` FROM a`
		c.args = append(args, slaArgs...)
		c.returns, c.slaDone = true, true
	case changed:
		// The event needs the changed row: RETURNING gives it with the
		// update, one statement instead of an update and a read.
		c.query += ` RETURNING ` + changedActions.Columns()
		c.returns = true
	}
	return c
}

// keepingChange is, on PostgreSQL, the statement of a transition to a
// status among from that has an event (the one-by-one way reads the
// status first: statusChanges): it returns the changed row and the status
// the action had, and updates the SLA summary only when that differs from
// to; the event is recorded only then too. Both reads of the statement
// see one snapshot.
func (t *Tx) keepingChange(id string, from []ActionStatus, to ActionStatus, set Fields) actionChange {
	c := t.actionChange(id, from, to, set, false)
	set2, slaArgs := slaChange(to, FormatTime(t.now()))
	c.query = `WITH p AS (SELECT status FROM coord_actions WHERE id = ?), a AS (` + c.query + ` RETURNING ` + changedActions.Columns() +
		`), s AS (UPDATE sla_summary SET ` + set2 + ` WHERE job_id = (SELECT id FROM a) AND (SELECT status FROM p) <> ?) SELECT ` +
		changedActions.Columns() + `, (SELECT status FROM p) FROM a`
	c.args = append(append(append([]any{id}, c.args...), slaArgs...), string(to))
	c.returns, c.slaDone, c.prev = true, true, true
	return c
}

// failed is the error of c's statement.
func (c actionChange) failed(err error) error {
	return fmt.Errorf("action %s → %s: %w", c.id, c.to, err)
}

// returning runs an UPDATE … RETURNING of one action: the changed row
// (its changedActions columns), nil when the guard matched none.
func (t *Tx) returning(ctx context.Context, query string, args []any) (*Action, error) {
	rows, err := t.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	got, err := changedActions.ScanAll(rows)
	if err != nil || len(got) == 0 {
		return nil, err
	}
	return &got[0], nil
}

// CountByStatus counts a job's actions in each of the statuses; statuses
// not given are not counted. It is one statement of an index range scan
// per status, so count only the statuses of few actions (the active ones)
// on a hot path.
func (t *Tx) CountByStatus(ctx context.Context, job string, statuses ...ActionStatus) (map[ActionStatus]int, error) {
	out := make(map[ActionStatus]int, len(statuses))
	if len(statuses) == 0 {
		return out, nil
	}
	for _, s := range statuses {
		out[s] = 0
	}
	in, args := inList("status", statuses)
	rows, err := t.q.QueryContext(ctx, `SELECT status, COUNT(*) FROM coord_actions WHERE job_id = ? AND `+in+` GROUP BY status`,
		append([]any{job}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count the actions of %s: %w", job, err)
	}
	defer rows.Close()
	for rows.Next() {
		var s ActionStatus
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("count the actions of %s: %w", job, err)
		}
		out[s] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count the actions of %s: %w", job, err)
	}
	return out, nil
}

// Present reports which statuses at least one of a job's actions is in. It
// is one query of one index lookup per status (EXISTS), whatever the number
// of actions, which is what the job status transit needs.
func (t *Tx) Present(ctx context.Context, job string) (map[ActionStatus]bool, error) {
	found := make([]bool, len(ActionStatuses))
	dest := make([]any, len(ActionStatuses))
	for i := range found {
		dest[i] = &found[i]
	}
	rows, err := t.q.QueryContext(ctx, presentQuery, presentArgs(job)...)
	if err != nil {
		return nil, fmt.Errorf("statuses of %s: %w", job, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, fmt.Errorf("statuses of %s: %w", job, errors.Join(rows.Err(), sql.ErrNoRows))
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, fmt.Errorf("statuses of %s: %w", job, err)
	}
	out := make(map[ActionStatus]bool, len(ActionStatuses))
	for i, s := range ActionStatuses {
		if found[i] {
			out[s] = true
		}
	}
	return out, rows.Close()
}

// presentQuery selects, for each of ActionStatuses, whether a job has an
// action in it: one EXISTS (an index probe of (job_id, status)) per status.
var presentQuery = func() string {
	cols := make([]string, len(ActionStatuses))
	for i := range cols {
		cols[i] = `EXISTS (SELECT 1 FROM coord_actions WHERE job_id = ? AND status = ?)`
	}
	return `SELECT ` + strings.Join(cols, ", ")
}()

func presentArgs(job string) []any {
	args := make([]any, 0, 2*len(ActionStatuses))
	for _, s := range ActionStatuses {
		args = append(args, job, string(s))
	}
	return args
}
