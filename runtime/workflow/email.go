package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/mail"
)

// CodeEmailError is the error code of an email action whose message could
// not be built or sent (an invalid address, an unreadable attachment, the
// SMTP server's refusal or an I/O error).
const CodeEmailError = "EMAIL_ERROR"

// errNoSMTP is the LAUNCH_ERROR message of an email action without an
// SMTP server.
const errNoSMTP = "no SMTP server is configured for email actions: give --smtp HOST[:PORT], COORDC_SMTP or an smtp block in the runtime block of .coordc.hcl"

// emailRunner sends email actions over SMTP (Engine.Mail), synchronously.
// The row is recorded RUNNING (external status SENDING) with the message's
// Message-ID before the message is sent; a row found RUNNING later was
// interrupted by a crash, and the message is sent again with the same
// Message-ID: email delivery is at least once, and receivers can discard
// the copy by its Message-ID.
type emailRunner struct{}

func (emailRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	m, out, err := e.resolveEmail(ctx, a, s)
	if err != nil || out != nil {
		return e.emailResult(ctx, a, out, err)
	}
	rec, err := json.Marshal(map[string]any{"to": m.To, "cc": m.Cc, "bcc": m.Bcc, "subject": m.Subject})
	if err != nil {
		return err
	}
	next := *a.r
	next.status, next.externalID, next.externalStatus, next.conf, next.start = ActionRunning, m.MessageID, "SENDING", string(rec), fmtTime(e.now())
	ok, err := updateAction(ctx, e.db, &next, a.r.status, true, e.now())
	if err != nil || !ok {
		return err
	}
	a.r = &next
	return e.emailResult(ctx, a, e.sendEmail(ctx, m), nil)
}

// check sends the message of an action interrupted between its record and
// its outcome again, with the same Message-ID.
func (emailRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	s, err := e.state(ctx, e.db, a.job, a.w)
	if err != nil {
		return false, err
	}
	m, out, err := e.resolveEmail(ctx, a, s)
	if err == nil && out == nil {
		out = e.sendEmail(ctx, m)
	}
	return true, e.emailResult(ctx, a, out, err)
}

// kill has nothing to stop: a message is sent within one check.
func (emailRunner) kill(context.Context, *Engine, *jobRow, *actionRow) error { return nil }

// emailResult records the outcome of a send, or fails the action and the
// job for a definition failure.
func (e *Engine) emailResult(ctx context.Context, a *nodeRun, out *outcome, err error) error {
	if f, ok := err.(*actionFailure); ok {
		return e.fail(ctx, a.job, a.r, f)
	}
	if err != nil {
		return err
	}
	return e.finish(ctx, a.job, a.w, a.n, a.r, *out)
}

func (e *Engine) sendEmail(ctx context.Context, m *mail.Message) *outcome {
	if err := e.Mail.Send(ctx, m); err != nil {
		return &outcome{code: CodeEmailError, msg: err.Error(), extStatus: "FAILED"}
	}
	return &outcome{ok: true, extStatus: "SENT"}
}

// messageIDUnsafe are the characters of a row id not kept in a Message-ID.
var messageIDUnsafe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9.!#$%&'*+/=?^_{|}~-]`) })

// resolveEmail evaluates the email action into a message. An outcome
// instead of a message is an error of the action (no SMTP server, an
// invalid address, an unreadable attachment); an *actionFailure error is
// an EL error.
func (e *Engine) resolveEmail(ctx context.Context, a *nodeRun, s *evalState) (*mail.Message, *outcome, error) {
	d := body[*ir.EmailAction](a.n)
	vals := map[*ir.Template]string{}
	for _, t := range d.Templates() {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, nil, err
		}
		vals[t] = v
	}
	fail := func(format string, args ...any) (*mail.Message, *outcome, error) {
		return nil, &outcome{code: CodeEmailError, msg: fmt.Sprintf(format, args...), extStatus: "FAILED"}, nil
	}
	if e.Mail == nil {
		return nil, &outcome{code: "LAUNCH_ERROR", msg: errNoSMTP, extStatus: "FAILED"}, nil
	}
	m := &mail.Message{Subject: vals[d.Subject], Body: vals[d.Body], ContentType: vals[d.ContentType], Date: e.now(),
		MessageID: fmt.Sprintf("%s.%d@coordc", messageIDUnsafe().ReplaceAllString(a.r.id, "."), a.r.retries)}
	var err error
	for _, l := range []struct {
		name string
		t    *ir.Template
		out  *[]string
	}{{"to", d.To, &m.To}, {"cc", d.Cc, &m.Cc}, {"bcc", d.Bcc, &m.Bcc}} {
		if *l.out, err = mail.ParseList(vals[l.t]); err != nil {
			return fail("%s: %v", l.name, err)
		}
	}
	if len(m.To) == 0 {
		return fail("No recipients were specified in the to-address field")
	}
	for _, p := range strings.Split(vals[d.Attachment], ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		uri := hdfsstore.Join(appDir(a.job), p)
		data, err := e.files().ReadFile(ctx, uri)
		if err != nil {
			return fail("attachment %s: %v", uri, err)
		}
		m.Attachments = append(m.Attachments, mail.Attachment{Name: path.Base(strings.TrimRight(uri, "/")), Data: data})
	}
	return m, nil, nil
}
