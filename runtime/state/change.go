package state

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// JobChange is what `change` and the pause handling write on a job besides
// its status; nil fields are left alone.
type JobChange struct {
	End         *time.Time
	Concurrency *int
	// PauseTime: the zero time stores NULL (no pause time).
	PauseTime *time.Time
	// NextMatdTime: the zero time stores NULL (nothing left to materialize).
	NextMatdTime        *time.Time
	DoneMaterialization *bool
	LastActionNumber    *int
}

// ChangeJob writes c on job id if its last_action_number is still
// expectLast (another process materializing meanwhile makes ok false). The
// job becomes due at once for every scheduler (see MarkDue).
func (t *Tx) ChangeJob(ctx context.Context, id string, expectLast int, c JobChange) (bool, error) {
	sets := []string{"last_modified_time = ?", "next_due_time = NULL", "due_seq = due_seq + 1"}
	args := []any{FormatTime(t.now())}
	add := func(col string, v any) { sets, args = append(sets, col+" = ?"), append(args, v) }
	if c.End != nil {
		add("end_time", FormatTime(*c.End))
	}
	if c.Concurrency != nil {
		add("concurrency", *c.Concurrency)
	}
	if c.PauseTime != nil {
		add("pause_time", nullTime(*c.PauseTime))
	}
	if c.NextMatdTime != nil {
		add("next_matd_time", nullTime(*c.NextMatdTime))
	}
	if c.DoneMaterialization != nil {
		add("done_materialization", boolInt(*c.DoneMaterialization))
	}
	if c.LastActionNumber != nil {
		add("last_action_number", *c.LastActionNumber)
	}
	ok, err := t.update(ctx, `UPDATE coord_jobs SET `+strings.Join(sets, ", ")+` WHERE id = ? AND last_action_number = ?`,
		append(args, id, expectLast))
	if err != nil {
		return false, fmt.Errorf("change job %s: %w", id, err)
	}
	return ok, nil
}

// ActionsFrom reads the actions of job whose nominal time is at or after
// t, by number.
func (t *Tx) ActionsFrom(ctx context.Context, job string, from time.Time) ([]Action, error) {
	return t.queryActions(ctx, `WHERE job_id = ? AND nominal_time >= ? ORDER BY action_number`, job, FormatTime(from))
}

// RevokeActions deletes the actions of job numbered from on, which must all
// be WAITING or READY and never have run (Oozie's revocation of lookahead
// actions by `change`): it reports how many it deleted, and deletes none
// when one of them is in another status or has run.
func (t *Tx) RevokeActions(ctx context.Context, job string, from int) (int, error) {
	var blocked int
	if err := t.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM coord_actions WHERE job_id = ? AND action_number >= ?
		AND (status NOT IN ('WAITING', 'READY') OR run > 0)`, job, from).Scan(&blocked); err != nil {
		return 0, fmt.Errorf("revoke actions of %s: %w", job, err)
	}
	if blocked > 0 {
		return 0, fmt.Errorf("revoke actions of %s: %d of them have started or run", job, blocked)
	}
	res, err := t.q.ExecContext(ctx, `DELETE FROM coord_actions WHERE job_id = ? AND action_number >= ?`, job, from)
	if err != nil {
		return 0, fmt.Errorf("revoke actions of %s: %w", job, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DefinitionUpdate is what `update` stores on a job: the new definition
// files, their hash, the properties and the controls they set.
type DefinitionUpdate struct {
	AppPath                          string
	DefinitionHash, Definition, Conf string
	Concurrency, Throttle, Timeout   int
	Execution                        Execution
}

// UpdateDefinition stores u on job id if its definition hash is still
// oldHash (ok false otherwise: another update came first). The job becomes
// due at once for every scheduler.
func (s *Store) UpdateDefinition(ctx context.Context, id, oldHash string, u DefinitionUpdate) (bool, error) {
	w := s.writer()
	ok, err := w.update(ctx, `UPDATE coord_jobs SET app_path = ?, definition_hash = ?, definition = ?, conf = ?, concurrency = ?,
		mat_throttling = ?, time_out = ?, execution = ?, last_modified_time = ?, next_due_time = NULL, due_seq = due_seq + 1 WHERE id = ? AND definition_hash = ?`,
		[]any{u.AppPath, u.DefinitionHash, nullString(u.Definition), u.Conf, u.Concurrency, u.Throttle, u.Timeout, string(u.Execution),
			FormatTime(w.now()), id, oldHash})
	if err != nil {
		return false, fmt.Errorf("update job %s: %w", id, err)
	}
	return ok, nil
}
