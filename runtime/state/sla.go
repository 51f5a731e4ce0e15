package state

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// SLAStatus is an SLA summary's sla_status.
type SLAStatus string

// SLA statuses, Oozie's.
const (
	SLANotStarted SLAStatus = "NOT_STARTED"
	SLAInProcess  SLAStatus = "IN_PROCESS"
	SLAMet        SLAStatus = "MET"
	SLAMiss       SLAStatus = "MISS"
)

// The event_processed bits: which of the three criteria is decided.
const (
	SLAStartDone    = 1
	SLADurationDone = 2
	SLAEndDone      = 4
	SLAAllDone      = SLAStartDone | SLADurationDone | SLAEndDone
)

// SLA is an SLA registration with its summary (one sla_registration and
// one sla_summary row). Durations are milliseconds, -1 when not given.
type SLA struct {
	ID, ParentID, AppName string
	AppType               AppType
	User                  string
	Nominal               time.Time
	ExpectedStart         time.Time // zero when not given
	ExpectedEnd           time.Time
	ExpectedDuration      int64
	AlertEvents           string // comma-separated, upper case
	AlertContact          string
	NotificationMsg       string
	UpstreamApps          string
	Config                string // the resolved fields, JSON object
	Created               time.Time

	// The summary.
	ActualStart, ActualEnd time.Time
	ActualDuration         int64
	JobStatus              string
	EventStatus            string // the events so far, comma-separated
	Status                 SLAStatus
	EventProcessed         int
	LastModified           time.Time
}

// slaCommon are the columns sla_registration and sla_summary share, in
// table order.
var slaCommon = []sqltable.Column[SLA]{
	sqltable.Text("job_id", func(s *SLA) *string { return &s.ID }),
	sqltable.OptText("parent_id", func(s *SLA) *string { return &s.ParentID }),
	sqltable.Text("app_name", func(s *SLA) *string { return &s.AppName }),
	sqltable.Text("app_type", func(s *SLA) *AppType { return &s.AppType }),
	sqltable.OptText("user_name", func(s *SLA) *string { return &s.User }),
	timestamp("nominal_time", func(s *SLA) *time.Time { return &s.Nominal }),
	optTimestamp("expected_start", func(s *SLA) *time.Time { return &s.ExpectedStart }),
	optTimestamp("expected_end", func(s *SLA) *time.Time { return &s.ExpectedEnd }),
	bigint("expected_duration", func(s *SLA) *int64 { return &s.ExpectedDuration }),
}

var slaRegistrations = &sqltable.Table[SLA]{Name: "sla_registration", Cols: append(slices.Clip(slaCommon),
	sqltable.OptText("alert_events", func(s *SLA) *string { return &s.AlertEvents }),
	sqltable.OptText("alert_contact", func(s *SLA) *string { return &s.AlertContact }),
	sqltable.OptText("notification_msg", func(s *SLA) *string { return &s.NotificationMsg }),
	sqltable.OptText("upstream_apps", func(s *SLA) *string { return &s.UpstreamApps }),
	sqltable.Text("sla_config", func(s *SLA) *string { return &s.Config }),
	timestamp("created_time", func(s *SLA) *time.Time { return &s.Created }),
)}

var slaSummaries = &sqltable.Table[SLA]{Name: "sla_summary", Cols: append(slices.Clip(slaCommon),
	optTimestamp("actual_start", func(s *SLA) *time.Time { return &s.ActualStart }),
	optTimestamp("actual_end", func(s *SLA) *time.Time { return &s.ActualEnd }),
	bigint("actual_duration", func(s *SLA) *int64 { return &s.ActualDuration }),
	sqltable.Text("job_status", func(s *SLA) *string { return &s.JobStatus }),
	sqltable.OptText("event_status", func(s *SLA) *string { return &s.EventStatus }),
	sqltable.Text("sla_status", func(s *SLA) *SLAStatus { return &s.Status }),
	sqltable.Integer("event_processed", func(s *SLA) *int { return &s.EventProcessed }),
	timestamp("created_time", func(s *SLA) *time.Time { return &s.Created }),
	timestamp("last_modified_time", func(s *SLA) *time.Time { return &s.LastModified }),
)}

// bigint is a NOT NULL integer column of an int64 field (a duration in
// milliseconds; NULL reads as -1, "not given").
func bigint[R any](name string, f func(*R) *int64) sqltable.Column[R] {
	return sqltable.Column[R]{Name: name,
		Value: func(r *R) any { return *f(r) },
		Decode: func(r *R, src any) error {
			if src == nil {
				*f(r) = -1
				return nil
			}
			v, ok := src.(int64)
			if !ok {
				return fmt.Errorf("holds %v (%T), not an integer", src, src)
			}
			*f(r) = v
			return nil
		}}
}

// RegisterSLA stores s's registration and its summary (created now), once
// per ID: ok is false when the ID is registered already. It must run inside
// Store.Tx.
func (t *Tx) RegisterSLA(ctx context.Context, s SLA) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM sla_registration WHERE job_id = ?`, s.ID).Scan(&n); err != nil {
		return false, fmt.Errorf("register SLA of %s: %w", s.ID, err)
	}
	if n > 0 {
		return false, nil
	}
	s.Created, s.LastModified = t.now(), t.now()
	if s.Status == "" {
		s.Status = SLANotStarted
	}
	if _, err := t.q.ExecContext(ctx, slaRegistrations.Insert(), slaRegistrations.Values(&s)...); err != nil {
		return false, fmt.Errorf("register SLA of %s: %w", s.ID, err)
	}
	if _, err := t.q.ExecContext(ctx, slaSummaries.Insert(), slaSummaries.Values(&s)...); err != nil {
		return false, fmt.Errorf("register SLA of %s: %w", s.ID, err)
	}
	return true, nil
}

// slaSelect joins a summary with its registration's alerting columns.
func slaSelect() string {
	cols := make([]string, 0, len(slaSummaries.Cols)+5)
	for _, c := range slaSummaries.Cols {
		cols = append(cols, "s."+c.Name)
	}
	cols = append(cols, "r.alert_events", "r.alert_contact", "r.notification_msg", "r.upstream_apps", "r.sla_config")
	return "SELECT " + strings.Join(cols, ", ") + " FROM sla_summary s JOIN sla_registration r ON r.job_id = s.job_id "
}

// querySLAs reads SLAs selected with slaSelect.
func (t *Tx) querySLAs(ctx context.Context, tail string, args ...any) ([]SLA, error) {
	rows, err := t.q.QueryContext(ctx, slaSelect()+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read SLAs: %w", err)
	}
	defer rows.Close()
	var out []SLA
	for rows.Next() {
		var s SLA
		dests := make([]any, 0, len(slaSummaries.Cols)+5)
		for _, c := range slaSummaries.Cols {
			dests = append(dests, decoder(func(src any) error { return c.Decode(&s, src) }))
		}
		for _, f := range []*string{&s.AlertEvents, &s.AlertContact, &s.NotificationMsg, &s.UpstreamApps, &s.Config} {
			dests = append(dests, decoder(func(src any) error {
				v, err := sqltable.AsString(src)
				*f = v
				return err
			}))
		}
		if err := rows.Scan(dests...); err != nil {
			return nil, fmt.Errorf("read SLAs: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// OpenSLAs reads the SLAs of one parent (a coordinator job) not yet fully
// decided, by nominal time.
func (t *Tx) OpenSLAs(ctx context.Context, parent string) ([]SLA, error) {
	return t.querySLAs(ctx, `WHERE s.parent_id = ? AND s.event_processed < ? ORDER BY s.nominal_time, s.job_id`, parent, SLAAllDone)
}

// UnregisteredActions reads up to limit actions of job that have no SLA
// registration, by action number.
func (t *Tx) UnregisteredActions(ctx context.Context, job string, limit int) ([]Action, error) {
	return t.queryActions(ctx, `WHERE job_id = ? AND NOT EXISTS (SELECT 1 FROM sla_registration r WHERE r.job_id = coord_actions.id)
		ORDER BY action_number LIMIT ?`, job, limit)
}

// GetSLA reads one SLA; the error wraps ErrNotFound for an unknown ID.
func (t *Tx) GetSLA(ctx context.Context, id string) (SLA, error) {
	out, err := t.querySLAs(ctx, `WHERE s.job_id = ?`, id)
	if err != nil {
		return SLA{}, err
	}
	if len(out) == 0 {
		return SLA{}, fmt.Errorf("SLA of %q: %w", id, ErrNotFound)
	}
	return out[0], nil
}

// InBundle is the SLA filter operator of Oozie's bundle filter: the
// column (parent_id) is a coordinator job of the bundle job whose ID or
// name is the value.
const InBundle = "IN BUNDLE"

// SLACondition is one filter condition: column op value, op one of =, >=,
// <, LIKE, InBundle; Values are ORed (for =, LIKE, InBundle).
type SLACondition struct {
	Column string // a sla_summary column
	Op     string
	Values []any
}

// ListSLAs reads the SLAs matching every condition, ordered by orderBy (a
// sla_summary column; nominal_time when empty) then nominal time, at most
// limit (0: all) from offset.
func (t *Tx) ListSLAs(ctx context.Context, conds []SLACondition, orderBy string, desc bool, offset, limit int) ([]SLA, error) {
	known := map[string]bool{}
	for _, c := range slaSummaries.Cols {
		known[c.Name] = true
	}
	var where []string
	var args []any
	for _, c := range conds {
		if !known[c.Column] {
			return nil, fmt.Errorf("unknown SLA column %q", c.Column)
		}
		var ors []string
		for _, v := range c.Values {
			switch c.Op {
			case "=", ">=", "<=", "<", ">", "LIKE":
			case InBundle:
				ors = append(ors, "s."+c.Column+" IN (SELECT c.id FROM coord_jobs c JOIN bundle_jobs b ON b.id = c.bundle_id WHERE b.id = ? OR b.app_name = ?)")
				args = append(args, v, v)
				continue
			default:
				return nil, fmt.Errorf("unknown SLA filter operator %q", c.Op)
			}
			ors = append(ors, "s."+c.Column+" "+c.Op+" ?")
			args = append(args, v)
		}
		if len(ors) > 0 {
			where = append(where, "("+strings.Join(ors, " OR ")+")")
		}
	}
	tail := ""
	if len(where) > 0 {
		tail = "WHERE " + strings.Join(where, " AND ") + " "
	}
	if orderBy == "" {
		orderBy = "nominal_time"
	}
	if !known[orderBy] {
		return nil, fmt.Errorf("unknown SLA column %q", orderBy)
	}
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	tail += "ORDER BY s." + orderBy + " " + dir + ", s.nominal_time ASC, s.job_id ASC"
	if limit > 0 {
		tail += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
	} else if offset > 0 {
		tail += fmt.Sprintf(" LIMIT %d OFFSET %d", int64(1)<<62, offset) // portable "no limit"
	}
	return t.querySLAs(ctx, tail, args...)
}

// UpdateSLA stores the summary fields the SLA service decides (actual
// duration, event status, sla status, event_processed), guarded on the
// event_processed value it read (prev): ok is false when another process
// decided first.
func (t *Tx) UpdateSLA(ctx context.Context, s SLA, prev int) (bool, error) {
	return t.update(ctx, `UPDATE sla_summary SET actual_duration = ?, event_status = ?, sla_status = ?, event_processed = ?,
		last_modified_time = ? WHERE job_id = ? AND event_processed = ?`,
		[]any{s.ActualDuration, nullString(s.EventStatus), string(s.Status), s.EventProcessed, FormatTime(t.now()), s.ID, prev})
}

// SetSLAActuals sets a summary's actual start/end and job status when it
// was registered after the action had moved (the times come from the
// action's events).
func (t *Tx) SetSLAActuals(ctx context.Context, id string, start, end time.Time, jobStatus string) error {
	_, err := t.q.ExecContext(ctx, `UPDATE sla_summary SET actual_start = COALESCE(actual_start, ?), actual_end = COALESCE(actual_end, ?), job_status = ? WHERE job_id = ?`,
		nullTime(start), nullTime(end), jobStatus, id)
	return err
}

// ListSLAs reads SLAs on the read pool (see Tx.ListSLAs).
func (s *Store) ListSLAs(ctx context.Context, conds []SLACondition, orderBy string, desc bool, offset, limit int) ([]SLA, error) {
	return s.reader().ListSLAs(ctx, conds, orderBy, desc, offset, limit)
}

// GetSLA reads one SLA (see Tx.GetSLA).
func (s *Store) GetSLA(ctx context.Context, id string) (SLA, error) {
	return s.reader().GetSLA(ctx, id)
}

// OpenSLAs reads a job's SLAs not yet decided (see Tx.OpenSLAs).
func (s *Store) OpenSLAs(ctx context.Context, parent string) ([]SLA, error) {
	return s.reader().OpenSLAs(ctx, parent)
}

// UnregisteredActions reads a job's actions without an SLA registration
// (see Tx.UnregisteredActions).
func (s *Store) UnregisteredActions(ctx context.Context, job string, limit int) ([]Action, error) {
	return s.reader().UnregisteredActions(ctx, job, limit)
}
