package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// Bundle is a bundle job (a bundle_jobs row). Its status takes Oozie's job
// statuses (Job.Status), as a coordinator job's does.
type Bundle struct {
	ID             string
	AppName        string
	AppPath        string
	DefinitionHash string
	// Conf holds the job properties as a JSON object.
	Conf   string
	User   string
	Status JobStatus
	// KickOff is when the bundle starts its coordinators: the
	// kick-off-time, or the submission time when the bundle has none.
	KickOff time.Time
	// Start is when the bundle started (zero while PREP).
	Start time.Time
	// End is the end time a change set (zero until then); PauseTime the
	// pause time (zero: none).
	End, PauseTime        time.Time
	Created, LastModified time.Time
	SuspendedTime         time.Time
	Pending               bool
	// JobXML is the bundle definition as submitted.
	JobXML string
}

// bundles declares the bundle_jobs columns a Bundle maps.
var bundles = &sqltable.Table[Bundle]{Name: "bundle_jobs", Cols: []sqltable.Column[Bundle]{
	sqltable.Text("id", func(b *Bundle) *string { return &b.ID }),
	sqltable.Text("app_name", func(b *Bundle) *string { return &b.AppName }),
	sqltable.Text("app_path", func(b *Bundle) *string { return &b.AppPath }),
	sqltable.Text("definition_hash", func(b *Bundle) *string { return &b.DefinitionHash }),
	sqltable.Text("conf", func(b *Bundle) *string { return &b.Conf }),
	sqltable.OptText("user_name", func(b *Bundle) *string { return &b.User }),
	sqltable.Text("status", func(b *Bundle) *JobStatus { return &b.Status }),
	timestamp("kickoff_time", func(b *Bundle) *time.Time { return &b.KickOff }),
	optTimestamp("start_time", func(b *Bundle) *time.Time { return &b.Start }),
	optTimestamp("end_time", func(b *Bundle) *time.Time { return &b.End }),
	optTimestamp("pause_time", func(b *Bundle) *time.Time { return &b.PauseTime }),
	timestamp("created_time", func(b *Bundle) *time.Time { return &b.Created }),
	timestamp("last_modified_time", func(b *Bundle) *time.Time { return &b.LastModified }),
	optTimestamp("suspended_time", func(b *Bundle) *time.Time { return &b.SuspendedTime }),
	sqltable.Flag("pending", func(b *Bundle) *bool { return &b.Pending }),
	sqltable.Text("job_xml", func(b *Bundle) *string { return &b.JobXML }),
}}

// BundleAction is one coordinator entry of a bundle job (a bundle_actions
// row): the entry's name and the coordinator job that runs it.
type BundleAction struct {
	ID       string // <bundle id>_<entry name>
	BundleID string
	// CoordName is the entry's name in the bundle (<coordinator name=…>).
	CoordName string
	CoordID   string
	// Status is the coordinator job's status at the last roll-up.
	Status       JobStatus
	Critical     bool
	Pending      bool
	LastModified time.Time
}

// bundleActions declares the bundle_actions columns a BundleAction maps.
var bundleActions = &sqltable.Table[BundleAction]{Name: "bundle_actions", Cols: []sqltable.Column[BundleAction]{
	sqltable.Text("bundle_action_id", func(a *BundleAction) *string { return &a.ID }),
	sqltable.Text("bundle_id", func(a *BundleAction) *string { return &a.BundleID }),
	sqltable.Text("coord_name", func(a *BundleAction) *string { return &a.CoordName }),
	sqltable.Text("coord_id", func(a *BundleAction) *string { return &a.CoordID }),
	sqltable.Text("status", func(a *BundleAction) *JobStatus { return &a.Status }),
	sqltable.Flag("critical", func(a *BundleAction) *bool { return &a.Critical }),
	sqltable.Flag("pending", func(a *BundleAction) *bool { return &a.Pending }),
	timestamp("last_modified_time", func(a *BundleAction) *time.Time { return &a.LastModified }),
}}

// IsBundleID reports whether id has the shape of a bundle job ID
// ("…-B", as Oozie's bundle IDs end), rather than a coordinator job's
// ("…-C").
func IsBundleID(id string) bool { return strings.HasSuffix(id, "-B") }

// SubmitBundle stores b as a new PREP bundle job unless one of the same
// definition file, name and definition hash exists (whatever its status),
// and returns its ID and whether it was created now. The new ID is
// "<7-digit sequence>-<slug of the name>-B" (the sequence continues from the
// highest bundle ID stored). The unique index bundle_jobs_submission backs
// the lookup, as coord_jobs_submission does for coordinators.
func (s *Store) SubmitBundle(ctx context.Context, b Bundle) (id string, created bool, err error) {
	for attempt := 0; ; attempt++ {
		err = s.Tx(ctx, func(tx *Tx) error {
			if err := tx.lockJobCreation(ctx); err != nil {
				return err
			}
			var err error
			if id, err = tx.submittedBundle(ctx, b); err != nil || id != "" {
				return err
			}
			id, err = tx.createBundle(ctx, b)
			created = err == nil
			return err
		})
		if err == nil || attempt > 0 || !isConstraintError(err) {
			return id, created, err
		}
	}
}

// FindBundle is the ID of the bundle job of a definition file, name and
// definition hash ("" when none).
func (s *Store) FindBundle(ctx context.Context, appPath, name, hash string) (string, error) {
	return s.reader().submittedBundle(ctx, Bundle{AppPath: appPath, AppName: name, DefinitionHash: hash})
}

// submittedBundle is the bundle job of b's file, name and hash ("" when
// none).
func (t *Tx) submittedBundle(ctx context.Context, b Bundle) (string, error) {
	var id string
	err := t.q.QueryRowContext(ctx, `SELECT id FROM bundle_jobs WHERE app_path = ? AND app_name = ? AND definition_hash = ?`,
		b.AppPath, b.AppName, b.DefinitionHash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("look up submitted bundle: %w", err)
	}
	return id, nil
}

func (t *Tx) createBundle(ctx context.Context, b Bundle) (string, error) {
	seq, err := t.lastSeq(ctx, "bundle_jobs")
	if err != nil {
		return "", err
	}
	id := sequenceID(seq+1, b.AppName, "bundle", "B")
	b.ID, b.Status, b.Start, b.SuspendedTime, b.Pending = id, JobPrep, time.Time{}, time.Time{}, false
	b.Created = t.now()
	b.LastModified = b.Created
	if b.KickOff.IsZero() {
		b.KickOff = b.Created
	}
	if _, err := t.q.ExecContext(ctx, bundles.Insert(), bundles.Values(&b)...); err != nil {
		return "", fmt.Errorf("create bundle job %s: %w", id, err)
	}
	return id, nil
}

// AddBundleAction links a coordinator job to its bundle job as the entry
// named coordName; linking the same entry again changes nothing (so an
// interrupted submission can be repeated). The coordinator job's bundle_id
// is set in the same transaction.
func (s *Store) AddBundleAction(ctx context.Context, bundleID, coordName, coordID string, critical bool) error {
	return s.Tx(ctx, func(tx *Tx) error {
		a := BundleAction{ID: bundleID + "_" + coordName, BundleID: bundleID, CoordName: coordName, CoordID: coordID,
			Status: JobPrep, Critical: critical, LastModified: tx.now()}
		if job, err := tx.GetJob(ctx, coordID); err != nil {
			return err
		} else if job.BundleID != "" && job.BundleID != bundleID {
			return fmt.Errorf("coordinator job %s belongs to bundle job %s already", coordID, job.BundleID)
		} else {
			a.Status = job.Status
		}
		if _, err := tx.q.ExecContext(ctx, bundleActions.Insert()+` ON CONFLICT DO NOTHING`, bundleActions.Values(&a)...); err != nil {
			return fmt.Errorf("link %s to bundle job %s: %w", coordID, bundleID, err)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE coord_jobs SET bundle_id = ? WHERE id = ?`, bundleID, coordID); err != nil {
			return fmt.Errorf("link %s to bundle job %s: %w", coordID, bundleID, err)
		}
		return nil
	})
}

// GetBundle reads one bundle job; the error wraps ErrNotFound for an
// unknown ID.
func (s *Store) GetBundle(ctx context.Context, id string) (Bundle, error) {
	out, err := s.queryBundles(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Bundle{}, err
	}
	if len(out) == 0 {
		return Bundle{}, fmt.Errorf("bundle job %q: %w", id, ErrNotFound)
	}
	return out[0], nil
}

// ListBundles reads the bundle jobs in one of the statuses (all when none
// is given), oldest first.
func (s *Store) ListBundles(ctx context.Context, statuses ...JobStatus) ([]Bundle, error) {
	if len(statuses) == 0 {
		return s.queryBundles(ctx, `ORDER BY created_time, id`)
	}
	where, args := inList("status", statuses)
	return s.queryBundles(ctx, `WHERE `+where+` ORDER BY created_time, id`, args...)
}

func (s *Store) queryBundles(ctx context.Context, tail string, args ...any) ([]Bundle, error) {
	rows, err := s.r.QueryContext(ctx, bundles.SelectFrom()+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read bundle jobs: %w", err)
	}
	out, err := bundles.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("read bundle jobs: %w", err)
	}
	return out, nil
}

// BundleActions reads a bundle job's coordinator entries in entry-name
// order.
func (s *Store) BundleActions(ctx context.Context, bundleID string) ([]BundleAction, error) {
	rows, err := s.r.QueryContext(ctx, bundleActions.SelectFrom()+`WHERE bundle_id = ? ORDER BY coord_name`, bundleID)
	if err != nil {
		return nil, fmt.Errorf("read bundle actions: %w", err)
	}
	out, err := bundleActions.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("read bundle actions: %w", err)
	}
	return out, nil
}

// BundleFields are the columns a bundle transition sets besides the
// status; nil fields are left alone, a zero time stores NULL.
type BundleFields struct {
	Start, End, PauseTime, SuspendedTime *time.Time
}

// TransitionBundle moves bundle job id to status to if it is in status
// from (one guarded UPDATE), setting set; ok is false when it was not.
// to == from only sets the fields.
func (s *Store) TransitionBundle(ctx context.Context, id string, from, to JobStatus, set BundleFields) (bool, error) {
	sets := []string{"status = ?", "last_modified_time = ?"}
	args := []any{string(to), FormatTime(s.now())}
	for _, f := range []struct {
		col string
		t   *time.Time
	}{{"start_time", set.Start}, {"end_time", set.End}, {"pause_time", set.PauseTime}, {"suspended_time", set.SuspendedTime}} {
		if f.t != nil {
			sets, args = append(sets, f.col+" = ?"), append(args, nullTime(*f.t))
		}
	}
	ok, err := s.writer().update(ctx, `UPDATE bundle_jobs SET `+strings.Join(sets, ", ")+` WHERE id = ? AND status = ?`,
		append(args, id, string(from)))
	if err != nil {
		return false, fmt.Errorf("bundle job %s: %w", id, err)
	}
	return ok, nil
}

// SetBundleActionStatus records a coordinator job's status on its bundle
// entry (the roll-up's input, as Oozie's BundleStatusUpdateXCommand keeps
// it); it reports whether the stored status changed.
func (s *Store) SetBundleActionStatus(ctx context.Context, actionID string, status JobStatus) (bool, error) {
	ok, err := s.writer().update(ctx, `UPDATE bundle_actions SET status = ?, last_modified_time = ? WHERE bundle_action_id = ? AND status <> ?`,
		[]any{string(status), FormatTime(s.now()), actionID, string(status)})
	if err != nil {
		return false, fmt.Errorf("bundle action %s: %w", actionID, err)
	}
	return ok, nil
}

// purgeBundles deletes the bundle jobs in one of the final statuses, last
// changed before before, none of whose coordinator jobs is left (Purge
// deleted them), with their bundle actions.
func (s *Store) purgeBundles(ctx context.Context, before time.Time, final []JobStatus) error {
	where, args := inList("status", final)
	cond := where + ` AND last_modified_time < ? AND NOT EXISTS (SELECT 1 FROM coord_jobs c WHERE c.bundle_id = bundle_jobs.id)`
	args = append(args, FormatTime(before))
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM bundle_actions WHERE bundle_id IN (SELECT id FROM bundle_jobs WHERE `+cond+`)`, args...); err != nil {
			return fmt.Errorf("purge bundle jobs: %w", err)
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM bundle_jobs WHERE `+cond, args...); err != nil {
			return fmt.Errorf("purge bundle jobs: %w", err)
		}
		return nil
	})
}

// BundleReport is a bundle job with its coordinator entries, as `coordc
// status BUNDLE` shows it (and a server's /coordc/v1/bundles answers).
type BundleReport struct {
	Bundle  Bundle
	Entries []BundleEntryStatus
}

// BundleEntryStatus is one coordinator entry of a bundle job with its
// coordinator job's status now (the status last rolled up when the job was
// purged: Actions 0, Start and End zero).
type BundleEntryStatus struct {
	Name       string
	CoordID    string
	Critical   bool
	Status     JobStatus
	Actions    int
	Start, End time.Time
}

// BundleReports reads one bundle job (id) or every bundle job (id ""),
// oldest first, each with its entries in name order; an unknown id wraps
// ErrNotFound. The bundle's JobXML is left out.
func (s *Store) BundleReports(ctx context.Context, id string) ([]BundleReport, error) {
	var bs []Bundle
	if id != "" {
		b, err := s.GetBundle(ctx, id)
		if err != nil {
			return nil, err
		}
		bs = []Bundle{b}
	} else {
		var err error
		if bs, err = s.ListBundles(ctx); err != nil {
			return nil, err
		}
	}
	out := make([]BundleReport, 0, len(bs))
	for _, b := range bs {
		b.JobXML = ""
		acts, err := s.BundleActions(ctx, b.ID)
		if err != nil {
			return nil, err
		}
		r := BundleReport{Bundle: b, Entries: []BundleEntryStatus{}}
		for _, a := range acts {
			e := BundleEntryStatus{Name: a.CoordName, CoordID: a.CoordID, Critical: a.Critical, Status: a.Status}
			j, err := s.GetJob(ctx, a.CoordID)
			switch {
			case errors.Is(err, ErrNotFound): // purged
			case err != nil:
				return nil, err
			default:
				e.Status, e.Actions, e.Start, e.End = j.Status, j.LastActionNumber, j.Start, j.End
			}
			r.Entries = append(r.Entries, e)
		}
		out = append(out, r)
	}
	return out, nil
}

// BundleCoord is a bundle entry's coordinator job as the roll-up reads it:
// the status recorded on the entry and the coordinator job's now.
type BundleCoord struct {
	BundleID, ActionID string
	Recorded, Status   JobStatus
	Pending            bool
}

// BundleCoords reads, in one query, the entries (with an existing
// coordinator job) of the bundle jobs in one of statuses, or of bundle job
// id when statuses is empty; by bundle, then entry name.
func (s *Store) BundleCoords(ctx context.Context, id string, statuses ...JobStatus) ([]BundleCoord, error) {
	where, args := `a.bundle_id = ?`, []any{id}
	if len(statuses) > 0 {
		where, args = inList("b.status", statuses)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.bundle_id, a.bundle_action_id, a.status, c.status, c.pending
		FROM bundle_actions a JOIN coord_jobs c ON c.id = a.coord_id JOIN bundle_jobs b ON b.id = a.bundle_id
		WHERE `+where+` ORDER BY a.bundle_id, a.coord_name`, args...)
	if err != nil {
		return nil, fmt.Errorf("read bundle coordinators: %w", err)
	}
	defer rows.Close()
	var out []BundleCoord
	for rows.Next() {
		var c BundleCoord
		var pending int
		if err := rows.Scan(&c.BundleID, &c.ActionID, &c.Recorded, &c.Status, &pending); err != nil {
			return nil, fmt.Errorf("read bundle coordinators: %w", err)
		}
		c.Pending = pending != 0
		out = append(out, c)
	}
	return out, rows.Err()
}
