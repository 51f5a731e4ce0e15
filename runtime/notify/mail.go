package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/smtp"
	"sort"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// SendMail sends msg through e's SMTP server with net/smtp: STARTTLS when
// the server offers it, PLAIN authentication when a username is set (which
// net/smtp allows only over TLS or to localhost).
func SendMail(ctx context.Context, e *Email, to []string, msg []byte) error {
	host, _, err := net.SplitHostPort(e.Server)
	if err != nil {
		return fmt.Errorf("smtp_server %q: %v", e.Server, err)
	}
	var auth smtp.Auth
	if e.Username != "" {
		auth = smtp.PlainAuth("", e.Username, e.Password, host)
	}
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(e.Server, auth, e.From, to, msg) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("SMTP: %v", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// mailMessage is the RFC 5322 message of event e: a subject naming the
// event and the entity, and a body listing the message's fields.
func mailMessage(from string, to []string, e state.Event, now time.Time) []byte {
	var b bytes.Buffer
	subject := fmt.Sprintf("coordc %s %s: %s %s", e.MsgType, e.EventStatus, e.AppName, e.EntityID)
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@coordc>\r\n",
		from, strings.Join(to, ", "), oneLine(subject), now.UTC().Format(time.RFC1123Z), e.ID)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	fmt.Fprintf(&b, "%s %s of %s (%s, %s)\r\n\r\n", e.MsgType, e.EventStatus, e.EntityID, e.AppName, e.AppType)
	var fields map[string]any
	dec := json.NewDecoder(strings.NewReader(e.Body))
	dec.UseNumber() // epoch milliseconds as written
	if dec.Decode(&fields) == nil {
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s: %v\r\n", k, oneLine(fmt.Sprint(fields[k])))
		}
	}
	return b.Bytes()
}

// oneLine keeps header and body lines from being split by values.
func oneLine(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }
