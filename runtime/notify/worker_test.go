package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// fixture is a store with one running job of one WAITING action.
type fixture struct {
	st    *state.Store
	clock *clocktest.Fake
	job   string
	act   string
}

func newFixture(t *testing.T, conf map[string]string) *fixture {
	t.Helper()
	st, err := state.Open(filepath.Join(t.TempDir(), "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := clocktest.New(t0)
	st = st.WithClock(c)
	confJSON, _ := json.Marshal(conf)
	ctx := context.Background()
	id, err := st.CreateJob(ctx, state.Job{AppName: "daily", AppPath: "/defs/daily.xml", AppNamespace: "uri:oozie:coordinator:0.4",
		DefinitionHash: "h", Conf: string(confJSON), Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC",
		Start: t0, End: t0.Add(time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO, User: "etl"})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := st.Materialize(ctx, state.Materialization{JobID: id, Running: true,
		Actions: []state.NewAction{{Number: 1, Nominal: t0, Timeout: 120, ActionJSON: "{}"}}}); err != nil || !ok {
		t.Fatalf("materialize: %v %v", ok, err)
	}
	return &fixture{st: st, clock: c, job: id, act: state.ActionID(id, 1)}
}

// run moves the action WAITING → READY → SUBMITTED → RUNNING.
func (f *fixture) run(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	for _, step := range []struct{ from, to state.ActionStatus }{{state.Waiting, state.Ready}, {state.Ready, state.Submitted}, {state.Submitted, state.Running}} {
		set := state.Fields{}
		if step.to == state.Running {
			set.ExternalID = state.Ptr(f.act + "-W0")
		}
		if ok, err := f.st.TransitionAction(ctx, f.act, []state.ActionStatus{step.from}, step.to, set); !ok || err != nil {
			t.Fatalf("%s → %s: %v %v", step.from, step.to, ok, err)
		}
	}
}

// recorder is an HTTP server that answers the first fail requests with 500.
type recorder struct {
	mu   sync.Mutex
	fail int
	reqs []*http.Request
	body []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, req)
	r.body = append(r.body, string(b))
	if r.fail > 0 {
		r.fail--
		w.WriteHeader(http.StatusInternalServerError)
	}
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// TestCallbackURLs: the coordinator action URL (every event) and the
// workflow URL (events mirroring the workflow) with Oozie's substitutions.
func TestCallbackURLs(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	f := newFixture(t, map[string]string{
		CoordActionURLProperty: srv.URL + "/coord?action=$actionId&status=$status",
		WorkflowURLProperty:    srv.URL + "/wf/$jobId/$status",
	})
	f.run(t)
	w := &Worker{Store: f.st, Clock: f.clock}
	if _, err := w.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rec.reqs {
		if r.Method != http.MethodGet {
			t.Errorf("method %s, want GET", r.Method)
		}
		got = append(got, r.URL.RequestURI())
	}
	want := []string{"/coord?action=" + f.act + "&status=RUNNING", "/wf/" + f.act + "-W0/RUNNING"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("requests %q, want %q", got, want)
	}
	if next, err := w.Pass(context.Background()); err != nil || !next.IsZero() || rec.count() != 2 {
		t.Errorf("second pass: next %v, %v, %d requests; want nothing pending and nothing resent", next, err, rec.count())
	}
}

// TestStopRecordsAttemptInFlight: a worker stopped while the receiver is
// answering records the answered delivery, so the next process does not
// send it again (a stop is not a crash).
func TestStopRecordsAttemptInFlight(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			stop() // the worker is told to stop before this answer
			time.Sleep(50 * time.Millisecond)
		}
	}))
	defer srv.Close()
	f := newFixture(t, map[string]string{CoordActionURLProperty: srv.URL + "/coord/$status"})
	f.run(t)
	w := &Worker{Store: f.st, Clock: f.clock}
	w.Pass(ctx) // its error is the stop's, as Run reads it
	if n := calls.Load(); n != 1 {
		t.Fatalf("%d requests before the stop, want 1 (no new attempt after it)", n)
	}
	if next, err := w.Pass(context.Background()); err != nil || !next.IsZero() || calls.Load() != 1 {
		t.Errorf("after the stop: next %v, %v, %d requests; want the answered one recorded and not sent again", next, err, calls.Load())
	}
}

// TestWebhookRetries: a failing webhook is retried with exponential
// backoff, the body is the event as JSON with its ID in a header, the token
// is sent and never logged.
func TestWebhookRetries(t *testing.T) {
	rec := &recorder{fail: 2}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	f := newFixture(t, nil)
	var logs bytes.Buffer
	const token = "s3cr3t-hook-token"
	w := &Worker{Store: f.st, Clock: f.clock, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Config: &Config{Webhooks: []Webhook{{Name: "ops", URL: srv.URL + "/hook?key=" + token, Events: []string{"STARTED"}, Token: token}}}}
	f.run(t)
	ctx := context.Background()
	next, err := w.Pass(ctx)
	if err != nil || rec.count() != 1 || !next.Equal(t0.Add(Backoff)) {
		t.Fatalf("first pass: next %v, %v, %d requests; want a retry at +%v", next, err, rec.count(), Backoff)
	}
	f.clock.Set(t0.Add(Backoff - time.Second))
	if w.Pass(ctx); rec.count() != 1 {
		t.Fatalf("retried before the backoff passed")
	}
	f.clock.Set(t0.Add(Backoff))
	if next, _ = w.Pass(ctx); rec.count() != 2 || !next.Equal(t0.Add(3*Backoff)) {
		t.Fatalf("second attempt: %d requests, next %v; want the backoff doubled (+%v)", rec.count(), next, 3*Backoff)
	}
	f.clock.Set(t0.Add(3 * Backoff))
	if next, err = w.Pass(ctx); err != nil || rec.count() != 3 || !next.IsZero() {
		t.Fatalf("third attempt: %d requests, next %v, %v", rec.count(), next, err)
	}
	r := rec.reqs[2]
	if r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer "+token || r.Header.Get("X-Coordc-Event") == "" {
		t.Errorf("request %s %v", r.Method, r.Header)
	}
	var m Message
	if err := json.Unmarshal([]byte(rec.body[2]), &m); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	json.Unmarshal(m.Message, &body)
	if m.EventID != r.Header.Get("X-Coordc-Event") || m.MsgType != "JOB" || m.EventStatus != "STARTED" || m.ID != f.act ||
		m.AppName != "daily" || m.User != "etl" || body["status"] != "RUNNING" || body["parentId"] != f.job {
		t.Errorf("body %+v %v", m, body)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token is in the log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "answered 500") {
		t.Errorf("the failure is not logged:\n%s", logs.String())
	}
	ds, _ := f.st.Deliveries(ctx)
	if len(ds) != 1 || ds[0].Attempts != 3 || ds[0].Delivered.IsZero() {
		t.Errorf("deliveries %+v", ds)
	}
}

// TestWebhookFilter: a webhook receives only the events it selects.
func TestWebhookFilter(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	f := newFixture(t, nil)
	w := &Worker{Store: f.st, Clock: f.clock, Config: &Config{Webhooks: []Webhook{{Name: "sla", URL: srv.URL, Events: []string{"SLA"}}}}}
	f.run(t)
	w.Pass(context.Background())
	if rec.count() != 0 {
		t.Errorf("an SLA-only webhook got %d job events", rec.count())
	}
}

// smtpBackend is an in-process SMTP server that requires PLAIN auth.
type smtpBackend struct {
	user, pass string
	mu         sync.Mutex
	mails      []mail
}

type mail struct {
	from string
	to   []string
	data string
}

func (b *smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{b: b}, nil }

type smtpSession struct {
	b    *smtpBackend
	auth bool
	m    mail
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.b.user || pass != s.b.pass {
			return errors.New("invalid credentials")
		}
		s.auth = true
		return nil
	}), nil
}
func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.auth {
		return smtp.ErrAuthRequired
	}
	s.m.from = from
	return nil
}
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.m.to = append(s.m.to, to)
	return nil
}
func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.m.data = string(b)
	s.b.mu.Lock()
	s.b.mails = append(s.b.mails, s.m)
	s.b.mu.Unlock()
	return err
}
func (s *smtpSession) Reset()        { s.m = mail{} }
func (s *smtpSession) Logout() error { return nil }

// startSMTP serves b on a loopback port and returns its address.
func startSMTP(t *testing.T, b *smtpBackend) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(b)
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// TestEmailSLA: an SLA event in alert-events is mailed to alert-contact
// and to the email block's recipients over a real SMTP session with
// authentication; an event outside alert-events reaches only the block's
// recipients that select it.
func TestEmailSLA(t *testing.T) {
	b := &smtpBackend{user: "coordc", pass: "smtp-pass-123"}
	addr := startSMTP(t, b)
	f := newFixture(t, nil)
	ctx := context.Background()
	reg := state.SLA{ID: f.act, ParentID: f.job, AppName: "daily", AppType: state.AppCoordAction, Nominal: t0,
		ExpectedEnd: t0.Add(30 * time.Minute), ExpectedDuration: -1, AlertEvents: "END_MISS", AlertContact: "owner@example.com",
		Config: "{}", JobStatus: "WAITING"}
	err := f.st.Tx(ctx, func(tx *state.Tx) error {
		if _, err := tx.RegisterSLA(ctx, reg); err != nil {
			return err
		}
		for _, ev := range []string{"START_MISS", "END_MISS"} {
			if err := tx.InsertEvent(ctx, state.Event{MsgType: state.MsgSLA, AppType: state.AppCoordAction, EntityID: f.act, ParentID: f.job,
				AppName: "daily", Status: "MISS", EventStatus: ev, Body: `{"id":"` + f.act + `","eventStatus":"` + ev + `"}`}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := &Worker{Store: f.st, Clock: f.clock, Config: &Config{Email: &Email{Server: addr, From: "coordc@example.com",
		To: []string{"oncall@example.com"}, Events: []string{"START_MISS"}, Username: "coordc", Password: "smtp-pass-123"}}}
	if next, err := w.Pass(ctx); err != nil || !next.IsZero() {
		t.Fatalf("pass: next %v, %v", next, err)
	}
	if len(b.mails) != 2 {
		t.Fatalf("%d mails, want 2", len(b.mails))
	}
	start, end := b.mails[0], b.mails[1]
	if strings.Join(start.to, ",") != "oncall@example.com" || !strings.Contains(start.data, "Subject: coordc SLA START_MISS: daily "+f.act) {
		t.Errorf("START_MISS mail to %v:\n%s", start.to, start.data)
	}
	if strings.Join(end.to, ",") != "owner@example.com" || !strings.Contains(end.data, "eventStatus: END_MISS") || end.from != "coordc@example.com" {
		t.Errorf("END_MISS mail from %s to %v:\n%s", end.from, end.to, end.data)
	}
}

// TestEmailWrongPassword: an SMTP authentication failure is retried and
// the password does not appear in the error.
func TestEmailWrongPassword(t *testing.T) {
	b := &smtpBackend{user: "coordc", pass: "right"}
	addr := startSMTP(t, b)
	f := newFixture(t, nil)
	f.run(t)
	w := &Worker{Store: f.st, Clock: f.clock, Config: &Config{Email: &Email{Server: addr, From: "coordc@example.com",
		To: []string{"oncall@example.com"}, Events: []string{"STARTED"}, Username: "coordc", Password: "wrong-password"}}}
	next, _ := w.Pass(context.Background())
	ds, _ := f.st.Deliveries(context.Background())
	if len(ds) != 1 || !ds[0].Delivered.IsZero() || next.IsZero() || strings.Contains(ds[0].LastError, "wrong-password") || ds[0].LastError == "" {
		t.Errorf("deliveries %+v, next %v", ds, next)
	}
}
