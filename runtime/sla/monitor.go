package sla

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// registerBatch bounds the actions registered per job and tick.
const registerBatch = 1000

// Monitor is the SLA service of one scheduler process. The zero value is
// ready; it is safe for use by one goroutine at a time.
type Monitor struct {
	// Logger receives one line per SLA event; nil discards.
	Logger *slog.Logger

	mu sync.Mutex
	// bad are the actions whose <sla:info> does not resolve, reported once.
	bad map[string]bool
	// wfChecked is when CheckWorkflows last read the open workflow SLAs,
	// wfNext the deadline it found.
	wfChecked, wfNext time.Time
}

func (m *Monitor) log() *slog.Logger {
	if m.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return m.Logger
}

// Check registers the SLAs of job's new actions and decides what can be
// decided at now, recording the summaries and their events. It returns when
// a deadline next needs a check (zero: none pending).
func (m *Monitor) Check(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, now time.Time) (time.Time, error) {
	if c == nil || c.SLA == nil {
		return time.Time{}, nil
	}
	if err := m.register(ctx, st, job, c); err != nil {
		return time.Time{}, err
	}
	open, err := st.OpenSLAs(ctx, job.ID)
	if err != nil {
		return time.Time{}, err
	}
	return m.decide(ctx, st, open, now)
}

// decide evaluates the open SLAs at now, records what changed and returns
// the next deadline (zero: none pending).
func (m *Monitor) decide(ctx context.Context, st *state.Store, open []state.SLA, now time.Time) (time.Time, error) {
	var next time.Time
	for _, s := range open {
		upd, evs := Evaluate(s, now)
		if len(evs) > 0 || upd.Status != s.Status || upd.EventProcessed != s.EventProcessed {
			if err := m.record(ctx, st, s, upd, evs); err != nil {
				return next, err
			}
		}
		if d := NextDeadline(upd); !d.IsZero() && (next.IsZero() || d.Before(next)) {
			next = d
		}
	}
	return next, nil
}

// register stores the SLA of every action of job not registered yet.
func (m *Monitor) register(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator) error {
	acts, err := st.UnregisteredActions(ctx, job.ID, registerBatch)
	if err != nil {
		return err
	}
	for _, a := range acts {
		m.mu.Lock()
		bad := m.bad[a.ID]
		m.mu.Unlock()
		if bad {
			continue
		}
		created := a.Created
		fields, diags := schedule.SLAAt(c, a.Nominal, schedule.Options{JobID: job.ID, ActualTime: func(time.Time) time.Time { return created }})
		var s state.SLA
		if !diags.HasErrors() {
			s, err = Resolve(fields)
		}
		if diags.HasErrors() || err != nil {
			msg := ""
			if diags.HasErrors() {
				msg = diags.Errs()[0].Error()
			} else {
				msg = err.Error()
			}
			m.log().Warn("SLA not tracked: <sla:info> does not resolve", "action", a.ID, "error", msg)
			m.mu.Lock()
			if m.bad == nil {
				m.bad = map[string]bool{}
			}
			m.bad[a.ID] = true
			m.mu.Unlock()
			continue
		}
		s.ID, s.ParentID, s.User, s.JobStatus = a.ID, job.ID, job.User, string(a.Status)
		if s.AppName == "" {
			s.AppName = job.AppName
		}
		start, end, err := actuals(ctx, st, a)
		if err != nil {
			return err
		}
		err = st.Tx(ctx, func(tx *state.Tx) error {
			ok, err := tx.RegisterSLA(ctx, s)
			if err != nil || !ok || (start.IsZero() && end.IsZero()) {
				return err
			}
			return tx.SetSLAActuals(ctx, s.ID, start, end, string(a.Status))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// actuals are the start and end of an action that moved before its SLA was
// registered, from its recorded events.
func actuals(ctx context.Context, st *state.Store, a state.Action) (start, end time.Time, err error) {
	if a.Status == state.Waiting || a.Status == state.Ready || a.Status == state.Submitted {
		return start, end, nil
	}
	evs, err := st.EventsOf(ctx, a.ID)
	if err != nil {
		return start, end, err
	}
	for _, e := range evs {
		if e.MsgType != state.MsgJob {
			continue
		}
		switch e.EventStatus {
		case "STARTED":
			if start.IsZero() {
				start = e.Created
			}
		case "SUCCESS", "FAILURE":
			if end.IsZero() {
				end = e.Created
			}
		}
	}
	return start, end, nil
}

// record stores upd (decided from s) and its events in one transaction.
func (m *Monitor) record(ctx context.Context, st *state.Store, s, upd state.SLA, evs []Event) error {
	return st.Tx(ctx, func(tx *state.Tx) error {
		ok, err := tx.UpdateSLA(ctx, upd, s.EventProcessed)
		if err != nil || !ok {
			return err // !ok: another scheduler decided first
		}
		for _, e := range evs {
			body, err := json.Marshal(NewMessage(upd, e))
			if err != nil {
				return err
			}
			if err := tx.InsertEvent(ctx, state.Event{MsgType: state.MsgSLA, AppType: upd.AppType, EntityID: upd.ID,
				ParentID: upd.ParentID, AppName: upd.AppName, User: upd.User, Status: string(upd.Status),
				EventStatus: string(e), Body: string(body)}); err != nil {
				return err
			}
			m.log().Info("SLA event", "action", upd.ID, "event", string(e), "sla_status", string(upd.Status))
		}
		return nil
	})
}

// Message is an SLA event message, with the field names of Oozie's
// SLAMessage and its REST API (times as Oozie's UTC text, durations in
// milliseconds, -1 when unknown).
type Message struct {
	ID                  string `json:"id"`
	ParentID            string `json:"parentId,omitempty"`
	AppName             string `json:"appName"`
	AppType             string `json:"appType"`
	MsgType             string `json:"msgType"`
	User                string `json:"user,omitempty"`
	EventStatus         string `json:"eventStatus"`
	SLAStatus           string `json:"slaStatus"`
	JobStatus           string `json:"jobStatus"`
	NominalTime         string `json:"nominalTime"`
	ExpectedStartTime   string `json:"expectedStartTime,omitempty"`
	ActualStartTime     string `json:"actualStartTime,omitempty"`
	ExpectedEndTime     string `json:"expectedEndTime,omitempty"`
	ActualEndTime       string `json:"actualEndTime,omitempty"`
	ExpectedDuration    int64  `json:"expectedDuration"`
	ActualDuration      int64  `json:"actualDuration"`
	NotificationMessage string `json:"notificationMessage,omitempty"`
	UpstreamApps        string `json:"upstreamApps,omitempty"`
}

// NewMessage is the message of event e of s (e empty: the summary, as
// `coordc sla -o json` lists it, with the events so far as eventStatus).
func NewMessage(s state.SLA, e Event) Message {
	ev := string(e)
	if ev == "" {
		ev = s.EventStatus
	}
	return Message{ID: s.ID, ParentID: s.ParentID, AppName: s.AppName, AppType: string(s.AppType), MsgType: string(state.MsgSLA),
		User: s.User, EventStatus: ev, SLAStatus: string(s.Status), JobStatus: s.JobStatus,
		NominalTime: FormatTime(s.Nominal), ExpectedStartTime: FormatTime(s.ExpectedStart), ActualStartTime: FormatTime(s.ActualStart),
		ExpectedEndTime: FormatTime(s.ExpectedEnd), ActualEndTime: FormatTime(s.ActualEnd),
		ExpectedDuration: s.ExpectedDuration, ActualDuration: s.ActualDuration,
		NotificationMessage: s.NotificationMsg, UpstreamApps: s.UpstreamApps}
}

// FormatTime is t as Oozie's UTC text (yyyy-MM-ddTHH:mmZ, seconds kept
// when not zero); "" for the zero time.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Second() != 0 {
		return t.UTC().Format("2006-01-02T15:04:05Z")
	}
	return t.UTC().Format("2006-01-02T15:04Z")
}
