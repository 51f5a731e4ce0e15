package state

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// The notification outbox (tables events and deliveries). An event row is
// written in the transaction that makes the change it reports, so a change
// and its notification are committed together or not at all; the delivery
// worker (package runtime/notify) sends it afterwards, at least once.

// MsgType is an event's message type, Oozie's JMS msgType.
type MsgType string

// Message types.
const (
	MsgJob MsgType = "JOB"
	MsgSLA MsgType = "SLA"
)

// AppType is the kind of entity an event or SLA is about (Oozie's appType).
type AppType string

// Application types.
const (
	AppCoordAction AppType = "COORDINATOR_ACTION"
	AppWorkflowJob AppType = "WORKFLOW_JOB"
)

// Event is an events row.
type Event struct {
	ID       string
	Created  time.Time
	MsgType  MsgType
	AppType  AppType
	EntityID string // the action ID
	ParentID string // its job ID
	AppName  string
	User     string
	// Status is the entity's new status (JOB) or the SLA status (SLA).
	Status string
	// EventStatus is Oozie's eventStatus: STARTED, SUCCESS, SUSPEND, FAILURE,
	// WAITING for JOB messages; START_MISS, END_MET … for SLA messages.
	EventStatus string
	// Body is the message, a JSON object shaped as Oozie's JMS messages.
	Body       string
	Dispatched bool
}

var events = &sqltable.Table[Event]{Name: "events", Cols: []sqltable.Column[Event]{
	sqltable.Text("id", func(e *Event) *string { return &e.ID }),
	timestamp("created_time", func(e *Event) *time.Time { return &e.Created }),
	sqltable.Text("msg_type", func(e *Event) *MsgType { return &e.MsgType }),
	sqltable.Text("app_type", func(e *Event) *AppType { return &e.AppType }),
	sqltable.Text("entity_id", func(e *Event) *string { return &e.EntityID }),
	sqltable.OptText("parent_id", func(e *Event) *string { return &e.ParentID }),
	sqltable.Text("app_name", func(e *Event) *string { return &e.AppName }),
	sqltable.OptText("user_name", func(e *Event) *string { return &e.User }),
	sqltable.Text("status", func(e *Event) *string { return &e.Status }),
	sqltable.Text("event_status", func(e *Event) *string { return &e.EventStatus }),
	sqltable.Text("body", func(e *Event) *string { return &e.Body }),
	sqltable.Flag("dispatched", func(e *Event) *bool { return &e.Dispatched }),
}}

// eventSeq orders the events of one process within a second (ordered by
// ID after the created time); it starts from the wall clock so that a
// restarted process continues after its predecessor.
var eventSeq atomic.Int64

func init() { eventSeq.Store(time.Now().UnixNano()) }

// newEventID is unique across processes and backends without a database
// sequence: the recorded time, the process's sequence and random bytes.
func newEventID(now time.Time) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return fmt.Sprintf("%s-%019d-%s", now.UTC().Format("20060102T150405Z"), eventSeq.Add(1), hex.EncodeToString(b[:]))
}

// InsertEvent adds an event to the outbox (ID and created time are set
// here). Call it inside the transaction that makes the change.
func (t *Tx) InsertEvent(ctx context.Context, e Event) error {
	t.stamp(&e)
	if _, err := t.q.ExecContext(ctx, events.Insert(), events.Values(&e)...); err != nil {
		return eventFailed(e, err)
	}
	return nil
}

// stamp sets a new event's ID and created time.
func (t *Tx) stamp(e *Event) {
	e.Created = t.now()
	e.ID = newEventID(e.Created)
	e.Dispatched = false
}

// eventFailed is the error of e's INSERT.
func eventFailed(e Event, err error) error {
	return fmt.Errorf("record %s event of %s: %w", e.EventStatus, e.EntityID, err)
}

// ActionEventStatus is Oozie's event status of a coordinator action that
// moved to s, and false for the statuses Oozie publishes no event for
// (READY, SUBMITTED, SKIPPED, IGNORED).
func ActionEventStatus(s ActionStatus) (string, bool) {
	switch s {
	case Waiting:
		return "WAITING", true
	case Running:
		return "STARTED", true
	case Succeeded:
		return "SUCCESS", true
	case Suspended:
		return "SUSPEND", true
	case Failed, Killed, TimedOut:
		return "FAILURE", true
	}
	return "", false
}

// actionMessage is the body of a coordinator action event, with the field
// names of Oozie's CoordinatorActionMessage (times in epoch milliseconds).
type actionMessage struct {
	Status            string `json:"status"`
	NominalTime       int64  `json:"nominalTime"`
	ID                string `json:"id"`
	ParentID          string `json:"parentId"`
	ExternalID        string `json:"externalId,omitempty"`
	MissingDependency string `json:"missingDependency,omitempty"`
	ErrorCode         string `json:"errorCode,omitempty"`
	ErrorMessage      string `json:"errorMessage,omitempty"`
	EventTime         int64  `json:"eventTime"`
}

// recordActionEvent writes the event of action id's move to status to,
// when Oozie publishes one for that status.
func (t *Tx) recordActionEvent(ctx context.Context, id string, changed *Action, to ActionStatus) error {
	e, ok, err := t.actionEvent(ctx, id, changed, to)
	if err != nil || !ok {
		return err
	}
	return t.InsertEvent(ctx, e)
}

// actionEvent is the event of action id's move to status to (ID and
// created time still unset), and false when Oozie publishes none for that
// status. changed, when not nil, is the changed row (read otherwise).
func (t *Tx) actionEvent(ctx context.Context, id string, changed *Action, to ActionStatus) (Event, bool, error) {
	es, ok := ActionEventStatus(to)
	if !ok {
		return Event{}, false, nil
	}
	var a Action
	if changed != nil {
		a = *changed
	} else {
		var err error
		if a, err = t.GetAction(ctx, id); err != nil {
			return Event{}, false, err
		}
	}
	appName, user, err := t.jobNames(ctx, a.JobID)
	if err != nil {
		return Event{}, false, fmt.Errorf("record event of %s: %w", id, err)
	}
	body, err := json.Marshal(actionMessage{Status: string(to), NominalTime: a.Nominal.UnixMilli(), ID: a.ID, ParentID: a.JobID,
		ExternalID: a.ExternalID, MissingDependency: a.MissingDependencies, ErrorCode: a.ErrorCode, ErrorMessage: a.ErrorMessage,
		EventTime: t.now().UnixMilli()})
	if err != nil {
		return Event{}, false, err
	}
	return Event{MsgType: MsgJob, AppType: AppCoordAction, EntityID: a.ID, ParentID: a.JobID,
		AppName: appName, User: user, Status: string(to), EventStatus: es, Body: string(body)}, true, nil
}

// UndispatchedEvents reads up to limit events not yet expanded into
// deliveries, oldest first.
func (t *Tx) UndispatchedEvents(ctx context.Context, limit int) ([]Event, error) {
	rows, err := t.q.QueryContext(ctx, events.SelectFrom()+`WHERE dispatched = 0 ORDER BY created_time, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	return events.ScanAll(rows)
}

// EventsOf reads the events of one entity (an action ID), oldest first.
func (t *Tx) EventsOf(ctx context.Context, entity string) ([]Event, error) {
	rows, err := t.q.QueryContext(ctx, events.SelectFrom()+`WHERE entity_id = ? ORDER BY created_time, id`, entity)
	if err != nil {
		return nil, fmt.Errorf("read events of %s: %w", entity, err)
	}
	return events.ScanAll(rows)
}

// Delivery is a deliveries row: one event to one destination.
type Delivery struct {
	ID          string // <event id>/<n>
	EventID     string
	Channel     string // url, webhook, email
	Target      string
	Attempts    int
	NextAttempt time.Time
	Delivered   time.Time // zero while pending
	LastError   string
}

var deliveries = &sqltable.Table[Delivery]{Name: "deliveries", Cols: []sqltable.Column[Delivery]{
	sqltable.Text("id", func(d *Delivery) *string { return &d.ID }),
	sqltable.Text("event_id", func(d *Delivery) *string { return &d.EventID }),
	sqltable.Text("channel", func(d *Delivery) *string { return &d.Channel }),
	sqltable.Text("target", func(d *Delivery) *string { return &d.Target }),
	sqltable.Integer("attempts", func(d *Delivery) *int { return &d.Attempts }),
	timestamp("next_attempt_time", func(d *Delivery) *time.Time { return &d.NextAttempt }),
	optTimestamp("delivered_time", func(d *Delivery) *time.Time { return &d.Delivered }),
	sqltable.OptText("last_error", func(d *Delivery) *string { return &d.LastError }),
}}

// DueDelivery is a pending delivery with its event.
type DueDelivery struct {
	Delivery
	Event Event
}

// DueDeliveries reads up to limit pending deliveries whose next attempt is
// due at now, oldest first, with their events (read by one query).
func (t *Tx) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]DueDelivery, error) {
	rows, err := t.q.QueryContext(ctx, deliveries.SelectFrom()+`WHERE delivered_time IS NULL AND next_attempt_time <= ? ORDER BY next_attempt_time, id LIMIT ?`, FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("read deliveries: %w", err)
	}
	ds, err := deliveries.ScanAll(rows)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.EventID
	}
	evs := make(map[string]Event, len(ds))
	err = sqltable.IDLists("id", ids, maxIDList, func(where string, args []any) error {
		rows, err := t.q.QueryContext(ctx, events.SelectFrom()+`WHERE `+where, args...)
		if err != nil {
			return err
		}
		got, err := events.ScanAll(rows)
		for _, e := range got {
			evs[e.ID] = e
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read events of deliveries: %w", err)
	}
	out := make([]DueDelivery, 0, len(ds))
	for _, d := range ds {
		e, ok := evs[d.EventID]
		if !ok {
			return nil, fmt.Errorf("read event %s: %w", d.EventID, ErrNotFound)
		}
		out = append(out, DueDelivery{Delivery: d, Event: e})
	}
	return out, nil
}

// NextDelivery is the earliest next attempt of a pending delivery; the zero
// time when none is pending.
func (t *Tx) NextDelivery(ctx context.Context) (time.Time, error) {
	var s *string
	if err := t.q.QueryRowContext(ctx, `SELECT MIN(next_attempt_time) FROM deliveries WHERE delivered_time IS NULL`).Scan(&s); err != nil || s == nil {
		return time.Time{}, err
	}
	return ParseTime(*s)
}

// DeliveryDone records a delivery as delivered.
func (t *Tx) DeliveryDone(ctx context.Context, id string) error {
	_, err := t.q.ExecContext(ctx, `UPDATE deliveries SET delivered_time = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND delivered_time IS NULL`, FormatTime(t.now()), id)
	return err
}

// DeliveryFailed records a failed attempt and when to try again.
func (t *Tx) DeliveryFailed(ctx context.Context, id string, next time.Time, msg string) error {
	_, err := t.q.ExecContext(ctx, `UPDATE deliveries SET attempts = attempts + 1, next_attempt_time = ?, last_error = ? WHERE id = ? AND delivered_time IS NULL`, FormatTime(next), msg, id)
	return err
}

// Deliveries reads every delivery, for tests and `coordc sla`-style reports,
// in ID order.
func (t *Tx) Deliveries(ctx context.Context) ([]Delivery, error) {
	rows, err := t.q.QueryContext(ctx, deliveries.SelectFrom()+`ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return deliveries.ScanAll(rows)
}

// PruneEvents deletes the events created before cutoff whose deliveries
// were all delivered (or that had none), with their deliveries.
func (t *Tx) PruneEvents(ctx context.Context, cutoff time.Time) error {
	c := FormatTime(cutoff)
	old := `SELECT id FROM events WHERE dispatched = 1 AND created_time < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id AND d.delivered_time IS NULL)`
	if _, err := t.q.ExecContext(ctx, `DELETE FROM deliveries WHERE event_id IN (`+old+`)`, c); err != nil {
		return fmt.Errorf("prune deliveries: %w", err)
	}
	if _, err := t.q.ExecContext(ctx, `DELETE FROM events WHERE id IN (`+old+`)`, c); err != nil {
		return fmt.Errorf("prune events: %w", err)
	}
	return nil
}

// statusChanges reports whether moving action id from one of from to to
// changes its status: always unless to is itself in from, in which case the
// current status is read (inside the transaction, so it is the status the
// UPDATE sees).
func (t *Tx) statusChanges(ctx context.Context, id string, from []ActionStatus, to ActionStatus) (bool, error) {
	if _, ok := ActionEventStatus(to); !ok {
		return false, nil // nothing is recorded for to
	}
	inFrom := false
	for _, f := range from {
		inFrom = inFrom || f == to
	}
	if !inFrom {
		return true, nil
	}
	var cur string
	err := t.q.QueryRowContext(ctx, `SELECT status FROM coord_actions WHERE id = ?`, id).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("action %s: %w", id, err)
	}
	return ActionStatus(cur) != to, nil
}

// jobNames is a job's application name and user, read once per Tx (a
// batch's events mostly belong to few jobs; neither changes once the job
// is created).
func (t *Tx) jobNames(ctx context.Context, job string) (appName, user string, err error) {
	if n, ok := t.names[job]; ok {
		return n[0], n[1], nil
	}
	if err := t.q.QueryRowContext(ctx, jobNamesQuery, job).Scan(&appName, &user); err != nil {
		return "", "", err
	}
	t.cacheNames(job, appName, user)
	return appName, user, nil
}

// jobNamesQuery reads a job's application name and user.
const jobNamesQuery = `SELECT app_name, COALESCE(user_name, '') FROM coord_jobs WHERE id = ?`

// cacheNames keeps a job's names for jobNames.
func (t *Tx) cacheNames(job, appName, user string) {
	if t.names == nil {
		t.names = map[string][2]string{}
	}
	t.names[job] = [2]string{appName, user}
}

// afterActionChange records what a status change of action id to to
// implies, in the transaction of the change: its event, and its SLA
// summary's actual start (RUNNING) or end (a terminal status). a, when not
// nil, is the changed row (read again otherwise); slaDone says the change's
// statement updated the SLA summary itself (PostgreSQL).
func (t *Tx) afterActionChange(ctx context.Context, id string, a *Action, to ActionStatus, slaDone bool) error {
	if err := t.recordActionEvent(ctx, id, a, to); err != nil {
		return err
	}
	if slaDone || t.slaless[id] {
		return nil
	}
	set, args := slaChange(to, FormatTime(t.now()))
	_, err := t.q.ExecContext(ctx, `UPDATE sla_summary SET `+set+` WHERE job_id = ?`, append(args, id)...)
	return err
}

// slaChange is the assignment list (with its arguments) that a change of
// an action to to makes to its SLA summary at now: the status, and the
// actual start (RUNNING) or end (a terminal status) when not yet set.
func slaChange(to ActionStatus, now string) (string, []any) {
	switch {
	case to == Running:
		return `actual_start = COALESCE(actual_start, ?), job_status = ?, last_modified_time = ?`, []any{now, string(to), now}
	case to.Terminal():
		return `actual_end = COALESCE(actual_end, ?), job_status = ?, last_modified_time = ?`, []any{now, string(to), now}
	}
	return `job_status = ?, last_modified_time = ?`, []any{string(to), now}
}

// EventsOf reads one entity's events (see Tx.EventsOf).
func (s *Store) EventsOf(ctx context.Context, entity string) ([]Event, error) {
	return s.reader().EventsOf(ctx, entity)
}

// Deliveries reads every delivery (see Tx.Deliveries).
func (s *Store) Deliveries(ctx context.Context) ([]Delivery, error) {
	return s.reader().Deliveries(ctx)
}

// NextDelivery is the earliest pending attempt (see Tx.NextDelivery).
func (s *Store) NextDelivery(ctx context.Context) (time.Time, error) {
	return s.reader().NextDelivery(ctx)
}

// DueDeliveries reads the due deliveries (see Tx.DueDeliveries).
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]DueDelivery, error) {
	return s.reader().DueDeliveries(ctx, now, limit)
}

// RetryPendingNow makes every pending delivery due now, for a process that
// starts delivering: what a previous process left waiting for its backoff
// is tried at once.
func (t *Tx) RetryPendingNow(ctx context.Context) error {
	now := FormatTime(t.now())
	_, err := t.q.ExecContext(ctx, `UPDATE deliveries SET next_attempt_time = ? WHERE delivered_time IS NULL AND next_attempt_time > ?`, now, now)
	return err
}

// UndispatchedEvents reads the events not yet dispatched (see
// Tx.UndispatchedEvents).
func (s *Store) UndispatchedEvents(ctx context.Context, limit int) ([]Event, error) {
	return s.reader().UndispatchedEvents(ctx, limit)
}
