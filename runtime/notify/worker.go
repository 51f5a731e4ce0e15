package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/clock"
	"github.com/coordc/coordc/runtime/state"
)

// Delivery settings.
const (
	// Backoff is the wait after the first failed attempt; it doubles per
	// attempt up to MaxBackoff.
	Backoff    = 5 * time.Second
	MaxBackoff = 30 * time.Minute
	// Poll is how often the worker looks for new events when idle.
	Poll = time.Second
	// StopGrace is how long a stopping worker waits for the attempt in
	// flight to be answered, so that its outcome is recorded.
	StopGrace = 5 * time.Second
	// Retention is how long delivered events are kept.
	Retention = 7 * 24 * time.Hour
	// batch bounds the events dispatched and deliveries sent per pass.
	batch = 100
)

// The delivery channels (deliveries.channel).
const (
	ChannelURL     = "url"
	ChannelWebhook = "webhook"
	ChannelEmail   = "email"
)

// Oozie's notification URL properties.
const (
	CoordActionURLProperty = "oozie.coord.action.notification.url"
	WorkflowURLProperty    = "oozie.wf.workflow.notification.url"
)

// Worker sends the outbox's notifications. Fill the fields and call Run (or
// Pass, in tests).
type Worker struct {
	Store  *state.Store
	Config *Config // nil: URL callbacks only
	// Clock decides when attempts are due; nil means clock.System.
	Clock  clock.Clock
	Logger *slog.Logger
	// HTTP sends callbacks and webhooks; nil means a client with a 30 s
	// timeout.
	HTTP *http.Client
	// Mail sends one message; nil means SMTP (SendMail).
	Mail func(ctx context.Context, e *Email, to []string, msg []byte) error

	pruned time.Time // the last PruneEvents
}

// pruneEvery is how often delivered events older than Retention are
// deleted.
const pruneEvery = time.Hour

func (w *Worker) clock() clock.Clock { return clock.Or(w.Clock) }

func (w *Worker) log() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

func (w *Worker) store() *state.Store { return w.Store.WithClock(w.clock()) }

var defaultHTTP = &http.Client{Timeout: 30 * time.Second}

func (w *Worker) http() *http.Client {
	if w.HTTP != nil {
		return w.HTTP
	}
	return defaultHTTP
}

// Run delivers until ctx is done: a pass, then a sleep until the next
// attempt is due or Poll passes. It first makes what a previous process
// left pending due at once: backoff spaces the attempts of one process, a
// restart tries again.
func (w *Worker) Run(ctx context.Context) {
	st := w.store()
	if err := st.Tx(ctx, func(tx *state.Tx) error { return tx.RetryPendingNow(ctx) }); err != nil && ctx.Err() == nil {
		w.log().Warn("notification delivery", "error", err)
	}
	for ctx.Err() == nil {
		next, err := w.Pass(ctx)
		if err != nil && ctx.Err() == nil {
			w.log().Warn("notification delivery", "error", err)
		}
		wait := Poll
		if !next.IsZero() {
			if d := next.Sub(w.clock().Now()); d < wait {
				wait = max(d, 10*time.Millisecond)
			}
		}
		if w.clock().Sleep(ctx, wait) != nil {
			return
		}
	}
}

// Pass dispatches new events and sends the due deliveries once; it returns
// when the next pending attempt is due (zero: none pending).
func (w *Worker) Pass(ctx context.Context) (time.Time, error) {
	st := w.store()
	if err := w.dispatch(ctx, st); err != nil {
		return time.Time{}, err
	}
	var errs []error
	due, err := st.DueDeliveries(ctx, w.clock().Now(), batch)
	if err != nil {
		return time.Time{}, err
	}
	for _, d := range due {
		if ctx.Err() != nil {
			break
		}
		errs = append(errs, w.deliver(ctx, st, d))
	}
	if now := w.clock().Now(); now.Sub(w.pruned) >= pruneEvery {
		if err := st.Tx(ctx, func(tx *state.Tx) error { return tx.PruneEvents(ctx, now.Add(-Retention)) }); err != nil {
			errs = append(errs, err)
		} else {
			w.pruned = now
		}
	}
	next, err := st.NextDelivery(ctx)
	return next, errors.Join(append(errs, err)...)
}

// Drain sends what is pending until nothing is due before limit, for the
// end of `apply --until-done`. Deliveries still failing stay in the outbox
// for the next apply.
func (w *Worker) Drain(ctx context.Context, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	for {
		next, err := w.Pass(ctx)
		if err != nil || next.IsZero() || ctx.Err() != nil {
			return err
		}
		deadline, _ := ctx.Deadline()
		if next.After(deadline) {
			return nil
		}
		if w.clock().Sleep(ctx, next.Sub(w.clock().Now())) != nil {
			return nil
		}
	}
}

// dispatch expands the new events into their deliveries, a batch of
// events per commit. The jobs of a batch's events are read once per batch
// (fresh for each, so that a change of their properties applies to the
// events read after it), and the batch is marked dispatched by one guarded
// statement (DispatchAll).
func (w *Worker) dispatch(ctx context.Context, st *state.Store) error {
	for {
		evs, err := st.UndispatchedEvents(ctx, batch)
		if err != nil || len(evs) == 0 {
			return err
		}
		props, err := jobProperties(ctx, st, evs)
		if err != nil {
			return err
		}
		dests := make([]state.EventDeliveries, len(evs))
		for i, e := range evs {
			dests[i].EventID = e.ID
			if dests[i].Deliveries, err = w.destinations(ctx, st, e, props); err != nil {
				return err
			}
		}
		// One commit for the batch: the dispatch is guarded (an event
		// dispatched by another worker is left), and a batch lost in a
		// crash is read again, undispatched, by the next pass.
		if err := st.Tx(ctx, func(tx *state.Tx) error {
			_, err := tx.DispatchAll(ctx, dests)
			return err
		}); err != nil {
			return err
		}
		if len(evs) < batch {
			return nil
		}
	}
}

// jobProperties are the decoded properties of the jobs of evs's
// coordinator action events, by job ID, read by one query; an unknown job
// has none.
func jobProperties(ctx context.Context, st *state.Store, evs []state.Event) (map[string]map[string]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, e := range evs {
		if e.MsgType == state.MsgJob && e.AppType == state.AppCoordAction && !seen[e.ParentID] {
			seen[e.ParentID] = true
			ids = append(ids, e.ParentID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	jobs, err := st.GetJobs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]string, len(jobs))
	for _, id := range ids {
		job, ok := jobs[id]
		if !ok {
			continue
		}
		conf := map[string]string{}
		if err := json.Unmarshal([]byte(job.Conf), &conf); err != nil {
			return nil, fmt.Errorf("job %s: properties: %w", job.ID, err)
		}
		out[id] = conf
	}
	return out, nil
}

// destinations are the deliveries of one event; props are the properties
// of its batch's jobs (jobProperties).
func (w *Worker) destinations(ctx context.Context, st *state.Store, e state.Event, props map[string]map[string]string) ([]state.Delivery, error) {
	var out []state.Delivery
	if e.MsgType == state.MsgJob && e.AppType == state.AppWorkflowAction {
		// A node's entry or exit: only the workflow's
		// oozie.wf.action.notification.url, substituted by the engine.
		var n struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal([]byte(e.Body), &n); err != nil {
			return nil, fmt.Errorf("event %s: %w", e.ID, err)
		}
		if n.URL == "" {
			return nil, nil
		}
		return []state.Delivery{{Channel: ChannelURL, Target: n.URL}}, nil
	}
	if e.MsgType == state.MsgJob && e.AppType == state.AppCoordAction {
		urls, err := w.callbackURLs(ctx, st, e, props[e.ParentID])
		if err != nil {
			return nil, err
		}
		for _, u := range urls {
			out = append(out, state.Delivery{Channel: ChannelURL, Target: u})
		}
	}
	cfg := w.Config
	if cfg == nil {
		cfg = &Config{}
	}
	for _, h := range cfg.Webhooks {
		if selects(h.Events, e) {
			out = append(out, state.Delivery{Channel: ChannelWebhook, Target: h.Name})
		}
	}
	if cfg.Email != nil {
		var to []string
		if e.MsgType == state.MsgSLA {
			s, err := st.GetSLA(ctx, e.EntityID)
			if err != nil && !errors.Is(err, state.ErrNotFound) {
				return nil, err
			}
			if s.AlertContact != "" && contains(strings.Split(s.AlertEvents, ","), e.EventStatus) {
				to = append(to, splitAddresses(s.AlertContact)...)
			}
		}
		if selects(cfg.Email.Events, e) {
			to = append(to, cfg.Email.To...)
		}
		if to = dedupe(to); len(to) > 0 {
			out = append(out, state.Delivery{Channel: ChannelEmail, Target: strings.Join(to, ",")})
		}
	}
	return out, nil
}

// callbackURLs are the notification URLs of a coordinator action event,
// from its job's properties conf (nil: the job is gone), with Oozie's
// substitutions.
func (w *Worker) callbackURLs(ctx context.Context, st *state.Store, e state.Event, conf map[string]string) ([]string, error) {
	var out []string
	if u := conf[CoordActionURLProperty]; u != "" {
		out = append(out, strings.NewReplacer("$actionId", e.EntityID, "$status", e.Status, "$jobId", e.ParentID).Replace(u))
	}
	if u := conf[WorkflowURLProperty]; u != "" && mirrorsWorkflow(e.Status) {
		a, err := st.GetAction(ctx, e.EntityID)
		if err != nil {
			return nil, err
		}
		if a.ExternalID != "" {
			out = append(out, strings.NewReplacer("$jobId", a.ExternalID, "$status", e.Status, "$parentId", e.EntityID).Replace(u))
		}
	}
	return out, nil
}

// mirrorsWorkflow reports whether a coordinator action in status s has a
// workflow in the same status.
func mirrorsWorkflow(s string) bool {
	switch state.ActionStatus(s) {
	case state.Running, state.Suspended, state.Succeeded, state.Failed, state.Killed:
		return true
	}
	return false
}

// selects reports whether a filter (event statuses or message types; empty:
// all) selects e.
func selects(filter []string, e state.Event) bool {
	return len(filter) == 0 || contains(filter, e.EventStatus) || contains(filter, string(e.MsgType))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}

func splitAddresses(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// deliver makes one attempt and records its result.
//
// A stop (ctx done) lets the attempt in flight finish for up to StopGrace
// and records its outcome: a receiver that got the notification is not sent
// it again by the next process. Only an attempt still unanswered after the
// grace is abandoned unrecorded, to be repeated (delivery is at least once).
func (w *Worker) deliver(ctx context.Context, st *state.Store, d state.DueDelivery) error {
	sendCtx, cancel := withGrace(ctx, StopGrace)
	defer cancel()
	err := w.send(sendCtx, d)
	if sendCtx.Err() != nil {
		return nil // not recorded: the attempt is repeated by the next process
	}
	ctx = context.WithoutCancel(ctx)
	if err == nil {
		w.log().Info("notification sent", "event", d.EventID, "kind", d.Event.EventStatus, "entity", d.Event.EntityID, "channel", d.Channel, "destination", w.describe(d.Delivery))
		return st.Tx(ctx, func(tx *state.Tx) error { return tx.DeliveryDone(ctx, d.ID) })
	}
	wait := Backoff << min(d.Attempts, 20)
	if wait > MaxBackoff || wait <= 0 {
		wait = MaxBackoff
	}
	next := w.clock().Now().Add(wait)
	w.log().Warn("notification failed; retrying", "event", d.EventID, "channel", d.Channel, "destination", w.describe(d.Delivery),
		"attempt", d.Attempts+1, "retry_at", next.UTC().Format(time.RFC3339), "error", err.Error())
	return st.Tx(ctx, func(tx *state.Tx) error { return tx.DeliveryFailed(ctx, d.ID, next, err.Error()) })
}

// withGrace returns a context that is done grace after ctx is (or when
// the returned cancel is called).
func withGrace(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	out, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	return out, func() {
		stop()
		cancel()
	}
}

// describe names a destination without secrets: a callback URL without its
// query, the webhook's name, the addresses.
func (w *Worker) describe(d state.Delivery) string {
	if d.Channel == ChannelURL {
		if u, err := url.Parse(d.Target); err == nil {
			u.RawQuery, u.User = "", nil
			return u.String()
		}
		return "(unparsable URL)"
	}
	return d.Target
}

// send makes one attempt of d.
func (w *Worker) send(ctx context.Context, d state.DueDelivery) error {
	switch d.Channel {
	case ChannelURL:
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.Target, nil)
		if err != nil {
			return errors.New("invalid notification URL")
		}
		return w.do(req)
	case ChannelWebhook:
		h := w.webhook(d.Target)
		if h == nil {
			return fmt.Errorf("no webhook %q in the notify block", d.Target)
		}
		body, err := json.Marshal(NewMessage(d.Event))
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, strings.NewReader(string(body)))
		if err != nil {
			return errors.New("invalid webhook URL")
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Coordc-Event", d.EventID)
		if h.Token != "" {
			req.Header.Set("Authorization", "Bearer "+h.Token)
		}
		return w.do(req)
	case ChannelEmail:
		if w.Config == nil || w.Config.Email == nil {
			return errors.New("no email block in the notify block")
		}
		to := splitAddresses(d.Target)
		msg := mailMessage(w.Config.Email.From, to, d.Event, w.clock().Now())
		send := w.Mail
		if send == nil {
			send = SendMail
		}
		return send(ctx, w.Config.Email, to, msg)
	}
	return fmt.Errorf("unknown channel %q", d.Channel)
}

func (w *Worker) webhook(name string) *Webhook {
	if w.Config == nil {
		return nil
	}
	for i := range w.Config.Webhooks {
		if w.Config.Webhooks[i].Name == name {
			return &w.Config.Webhooks[i]
		}
	}
	return nil
}

// do sends req; a non-2xx answer is an error. Errors never carry the URL.
func (w *Worker) do(req *http.Request) error {
	resp, err := w.http().Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("%s failed: %v", req.Method, err)
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("%s answered %s", req.Method, resp.Status)
	}
	return nil
}

// Message is a webhook's JSON body: the event's header fields (Oozie's JMS
// message properties) and its message.
type Message struct {
	EventID     string          `json:"eventId"`
	Time        string          `json:"time"`
	MsgType     string          `json:"msgType"`
	AppType     string          `json:"appType"`
	AppName     string          `json:"appName"`
	User        string          `json:"user,omitempty"`
	ID          string          `json:"id"`
	ParentID    string          `json:"parentId,omitempty"`
	Status      string          `json:"status"`
	EventStatus string          `json:"eventStatus"`
	Message     json.RawMessage `json:"message"`
}

// NewMessage is the webhook body of e.
func NewMessage(e state.Event) Message {
	return Message{EventID: e.ID, Time: state.FormatTime(e.Created), MsgType: string(e.MsgType), AppType: string(e.AppType),
		AppName: e.AppName, User: e.User, ID: e.EntityID, ParentID: e.ParentID, Status: e.Status, EventStatus: e.EventStatus,
		Message: json.RawMessage(e.Body)}
}
