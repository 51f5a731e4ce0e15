package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/mail"
	"github.com/coordc/coordc/runtime/mail/mailtest"
	"github.com/coordc/coordc/runtime/runner"
)

const emailWorkflow = `<workflow-app name="email-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="notify"/>
  <action name="notify">
    <email xmlns="uri:oozie:email-action:0.2">
      <to>${to}</to>
      <cc>Will &lt;will@initech.com&gt;</cc>
      <bcc>yet.another.bob@initech.com</bcc>
      <subject>Job ${wf:id()} done</subject>
      <body>The workflow ${wf:name()} completed.
Second line.</body>
      <content_type>text/plain</content_type>
      <attachment>report.txt</attachment>
    </email>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorCode('notify')}: ${wf:errorMessage('notify')}</message></kill>
  <end name="end"/>
</workflow-app>
`

func emailApp(t *testing.T) string {
	t.Helper()
	app := t.TempDir()
	for name, data := range map[string]string{"workflow.xml": emailWorkflow, "report.txt": "42 rows\n"} {
		if err := os.WriteFile(filepath.Join(app, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return app
}

func emailEngine(t *testing.T, srv *mailtest.Server) *Engine {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	if srv != nil {
		c, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, From: "coordc@localhost"})
		if err != nil {
			t.Fatal(err)
		}
		e.Mail = c
	}
	return e
}

// TestEmailAction sends the message of an email action: to, cc and bcc
// recipients, the evaluated subject and body, the attachment read from
// the application directory; invalid addresses, a refused recipient and a
// missing SMTP server are action errors (error transition).
func TestEmailAction(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{Reject: "nobody@initech.com"})
	app := emailApp(t)
	tests := []struct {
		name, to string
		noSMTP   bool
		want     runner.Status
		msg      string
	}{
		{name: "sent", to: "bob@initech.com, the.other.bob@initech.com", want: runner.Succeeded},
		{name: "invalid address", to: "bob@", want: runner.Killed, msg: "EMAIL_ERROR: to: invalid email address"},
		{name: "no to", to: " , ", want: runner.Killed, msg: "EMAIL_ERROR: No recipients"},
		{name: "refused", to: "nobody@initech.com", want: runner.Killed, msg: "EMAIL_ERROR: SMTP server"},
		{name: "no SMTP server", to: "bob@initech.com", noSMTP: true, want: runner.Killed, msg: "LAUNCH_ERROR: no SMTP server is configured"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if tt.noSMTP {
				s = nil
			}
			e := emailEngine(t, s)
			before := len(srv.Messages())
			req := runner.Request{ActionID: "0000001-email-C@" + string(rune('1'+i)), AppPath: app, Conf: map[string]string{"to": tt.to}, User: "tester", Dir: t.TempDir()}
			id, err := e.Start(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			res := runToEnd(t, e, id)
			if res.Status != tt.want || !strings.HasPrefix(res.ErrorMessage, tt.msg) {
				t.Fatalf("result %+v, want %s %q", res, tt.want, tt.msg)
			}
			msgs := srv.Messages()[before:]
			if tt.want != runner.Succeeded {
				if len(msgs) != 0 {
					t.Errorf("%d messages sent", len(msgs))
				}
				return
			}
			if len(msgs) != 1 {
				t.Fatalf("%d messages sent, want 1", len(msgs))
			}
			m := msgs[0]
			want := []string{"bob@initech.com", "the.other.bob@initech.com", "will@initech.com", "yet.another.bob@initech.com"}
			if diff := cmp.Diff(want, m.To); diff != "" {
				t.Errorf("recipients (-want +got):\n%s", diff)
			}
			for _, s := range []string{"Subject: Job " + id + " done", "Message-ID: <" + strings.ReplaceAll(id, "@", ".") + ".notify.0@coordc>",
				"The workflow email-wf completed.\r\nSecond line.\r\n", "filename=report.txt", "NDIgcm93cwo="} {
				if !strings.Contains(m.Data, s) {
					t.Errorf("message lacks %q:\n%s", s, m.Data)
				}
			}
		})
	}
}

// TestEmailRecovery: an email action found RUNNING (the engine died
// between recording it and the end of the send) sends its message again
// with the same Message-ID, and the job goes on.
func TestEmailRecovery(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	e := emailEngine(t, srv)
	req := runner.Request{ActionID: "0000001-email-C@9", AppPath: emailApp(t), Conf: map[string]string{"to": "bob@initech.com"}, User: "tester", Dir: t.TempDir()}
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	// Put the job back to the moment after the record: the node RUNNING
	// (SENDING), the job RUNNING, the end node not yet entered.
	ctx := context.Background()
	for _, q := range []string{
		`UPDATE wf_actions SET status = 'RUNNING', external_status = 'SENDING', end_time = NULL WHERE id = '` + id + `@notify'`,
		`DELETE FROM wf_actions WHERE id = '` + id + `@end'`,
		`UPDATE wf_jobs SET status = 'RUNNING', end_time = NULL WHERE id = '` + id + `'`,
	} {
		if _, err := e.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	again := newEngine(e.db, &clock{t: epoch})
	again.Mail = e.Mail
	if res := runToEnd(t, again, id); res.Status != runner.Succeeded {
		t.Fatalf("result after recovery %+v", res)
	}
	msgs := srv.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want the original and one resend", len(msgs))
	}
	mid := "Message-ID: <" + strings.ReplaceAll(id, "@", ".") + ".notify.0@coordc>"
	if !strings.Contains(msgs[0].Data, mid) || !strings.Contains(msgs[1].Data, mid) {
		t.Errorf("the resend has another Message-ID:\n%s\n---\n%s", msgs[0].Data, msgs[1].Data)
	}
}
