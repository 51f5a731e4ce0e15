package mail_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/mail"
	"github.com/coordc/coordc/runtime/mail/mailtest"
)

func TestBuild(t *testing.T) {
	m := &mail.Message{To: []string{"a@example.com", "b@example.com"}, Cc: []string{"c@example.com"}, Bcc: []string{"secret@example.com"},
		Subject: "Ärger\nBcc: injected", Body: "line 1\nline 2", MessageID: "x.0@coordc",
		Date: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	got, err := mail.Build("coordc@localhost", m)
	if err != nil {
		t.Fatal(err)
	}
	want := "From: coordc@localhost\r\nTo: a@example.com, b@example.com\r\nCc: c@example.com\r\n" +
		"Subject: =?UTF-8?q?=C3=84rger_Bcc:_injected?=\r\nDate: Tue, 02 Jan 2024 03:04:05 +0000\r\n" +
		"Message-ID: <x.0@coordc>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\nline 1\r\nline 2\r\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestParseList(t *testing.T) {
	got, err := mail.ParseList(" bob@initech.com, Will <will@initech.com>,, ")
	if err != nil || !cmp.Equal(got, []string{"bob@initech.com", "will@initech.com"}) {
		t.Errorf("ParseList = %v, %v", got, err)
	}
	if _, err := mail.ParseList("bob@initech.com, not an address"); err == nil {
		t.Error("an invalid address was accepted")
	}
}

// TestSendStartTLSAuth sends through STARTTLS with AUTH PLAIN: every
// recipient (bcc included) gets the message, the Bcc header is not sent.
func TestSendStartTLSAuth(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: true, Username: "etl", Password: "s3cret"})
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CertPEM)
	c, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, From: "etl@example.com", StartTLS: true,
		Username: "etl", Password: "s3cret", TLS: &tls.Config{RootCAs: pool}})
	if err != nil {
		t.Fatal(err)
	}
	m := &mail.Message{To: []string{"a@example.com"}, Bcc: []string{"b@example.com"}, Subject: "s", Body: "<b>hi</b>",
		ContentType: "text/html", Attachments: []mail.Attachment{{Name: "r.txt", Data: []byte("report")}}, Date: time.Unix(0, 0)}
	if err := c.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || !msgs[0].TLS || !msgs[0].Authed || msgs[0].From != "etl@example.com" ||
		!cmp.Equal(msgs[0].To, []string{"a@example.com", "b@example.com"}) {
		t.Fatalf("messages: %+v", msgs)
	}
	data := msgs[0].Data
	for _, want := range []string{"Content-Type: multipart/mixed", "Content-Type: text/html; charset=UTF-8", `filename=r.txt`, "cmVwb3J0"} {
		if !strings.Contains(data, want) {
			t.Errorf("message lacks %q:\n%s", want, data)
		}
	}
	if strings.Contains(data, "Bcc") || strings.Contains(data, "b@example.com") {
		t.Errorf("the bcc recipient is visible:\n%s", data)
	}
}

// TestSendRefusals: a wrong password, a server without STARTTLS when it is
// required, and a rejected recipient are errors.
func TestSendRefusals(t *testing.T) {
	plain := mailtest.Start(t, mailtest.Options{Username: "etl", Password: "right", Reject: "nobody@example.com"})
	msg := &mail.Message{To: []string{"a@example.com"}, Subject: "s", Body: "b", Date: time.Unix(0, 0)}
	for name, tc := range map[string]struct {
		cfg  mail.Config
		to   string
		want string
	}{
		"wrong password": {mail.Config{Username: "etl", Password: "wrong"}, "", "authentication"},
		"no STARTTLS":    {mail.Config{StartTLS: true}, "", "STARTTLS"},
		"rejected":       {mail.Config{Username: "etl", Password: "right"}, "nobody@example.com", "no such user"},
		"auth not given": {mail.Config{}, "", "authenticate"},
	} {
		tc.cfg.Host, tc.cfg.Port, tc.cfg.From = plain.Host, plain.Port, "etl@example.com"
		c, err := mail.New(tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		m := *msg
		if tc.to != "" {
			m.To = []string{tc.to}
		}
		if err := c.Send(context.Background(), &m); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, tc.want)
		}
	}
	if n := len(plain.Messages()); n != 0 {
		t.Errorf("%d messages accepted", n)
	}
}
