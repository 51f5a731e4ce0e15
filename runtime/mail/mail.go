// Package mail sends the email action's messages over SMTP, with
// github.com/emersion/go-smtp as the client (a maintained SMTP
// implementation with STARTTLS, SASL and SMTPUTF8; net/smtp is frozen).
//
// A Client connects for each message: EHLO, STARTTLS when configured
// (required then: a server that does not offer it is an error, never a
// silent downgrade), AUTH PLAIN when a user name is set (only over TLS or
// to a loopback server, so a password never crosses the network in clear
// text), MAIL FROM, one RCPT TO per recipient (to, cc and bcc), DATA, QUIT.
// Build writes the message: RFC 5322 headers (From, To, Cc — never Bcc —,
// Subject encoded per RFC 2047 when not ASCII, Date, Message-ID,
// MIME-Version), the body in its content type with CRLF line ends, and
// attachments as base64 parts of a multipart/mixed message.
package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Config is an SMTP server and the sender's identity.
type Config struct {
	Host string
	Port int // 25 when zero
	// From is the envelope sender and the From header.
	From string
	// StartTLS requires STARTTLS before anything else is sent.
	StartTLS bool
	// Username and Password authenticate with AUTH PLAIN when Username is
	// set.
	Username, Password string
	// TLS configures STARTTLS (the server name defaults to Host).
	TLS *tls.Config
	// Timeout bounds the whole exchange (10s when zero, Oozie's
	// oozie.email.smtp.socket.timeout.ms default).
	Timeout time.Duration
}

// Client sends messages with a Config.
type Client struct{ cfg Config }

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: no SMTP host")
	}
	if cfg.Port == 0 {
		cfg.Port = 25
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	if _, err := mail.ParseAddress(cfg.From); err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %v", cfg.From, err)
	}
	return &Client{cfg: cfg}, nil
}

// Addr is the server's host:port.
func (c *Client) Addr() string { return net.JoinHostPort(c.cfg.Host, strconv.Itoa(c.cfg.Port)) }

// From is the sender address.
func (c *Client) From() string { return c.cfg.From }

// Attachment is a file attached to a message.
type Attachment struct {
	Name string
	Data []byte
}

// Message is one email.
type Message struct {
	To, Cc, Bcc []string
	Subject     string
	Body        string
	// ContentType is the body's MIME type ("text/plain" when empty); a
	// text type without a charset gets charset=UTF-8.
	ContentType string
	Attachments []Attachment
	// MessageID is the Message-ID header without the angle brackets; a
	// message sent again after a crash carries the same one, so that
	// receivers can discard the copy.
	MessageID string
	Date      time.Time
}

// ParseList reads a comma-separated address list ("" is none), each
// address as RFC 5322 allows ("bob@example.com", "Bob <bob@example.com>"),
// and returns the bare addresses.
func ParseList(list string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(list, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		a, err := mail.ParseAddress(part)
		if err != nil {
			return nil, fmt.Errorf("invalid email address %q: %v", part, err)
		}
		out = append(out, a.Address)
	}
	return out, nil
}

// Send sends m to every recipient of To, Cc and Bcc.
func (c *Client) Send(ctx context.Context, m *Message) error {
	data, err := Build(c.cfg.From, m)
	if err != nil {
		return err
	}
	rcpts := append(append(append([]string{}, m.To...), m.Cc...), m.Bcc...)
	if len(rcpts) == 0 {
		return errors.New("mail: no recipients")
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", c.Addr())
	if err != nil {
		return fmt.Errorf("SMTP server %s: %w", c.Addr(), err)
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	defer conn.Close()
	var sc *smtp.Client
	if c.cfg.StartTLS {
		tc := &tls.Config{ServerName: c.cfg.Host, MinVersion: tls.VersionTLS12}
		if c.cfg.TLS != nil {
			tc = c.cfg.TLS.Clone()
			if tc.ServerName == "" {
				tc.ServerName = c.cfg.Host
			}
		}
		if sc, err = smtp.NewClientStartTLS(conn, tc); err != nil {
			return fmt.Errorf("SMTP server %s: STARTTLS: %w", c.Addr(), err)
		}
	} else {
		sc = smtp.NewClient(conn)
	}
	defer sc.Close()
	if c.cfg.Username != "" {
		if _, isTLS := sc.TLSConnectionState(); !isTLS && !isLoopback(c.cfg.Host) {
			return fmt.Errorf("SMTP server %s: refusing to send the password without TLS; set starttls = true", c.Addr())
		}
		if err := sc.Auth(sasl.NewPlainClient("", c.cfg.Username, c.cfg.Password)); err != nil {
			return fmt.Errorf("SMTP server %s: authentication: %w", c.Addr(), err)
		}
	}
	if err := sc.SendMail(c.cfg.From, rcpts, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("SMTP server %s: %w", c.Addr(), err)
	}
	return sc.Quit()
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Build writes m as an RFC 5322 message from the sender from.
func Build(from string, m *Message) ([]byte, error) {
	ct := m.ContentType
	if ct == "" {
		ct = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("content type %q: %v", ct, err)
	}
	if strings.HasPrefix(mt, "text/") && params["charset"] == "" {
		params["charset"] = "UTF-8"
	}
	ct = mime.FormatMediaType(mt, params)
	var b bytes.Buffer
	h := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	h("From", from)
	h("To", strings.Join(m.To, ", "))
	if len(m.Cc) > 0 {
		h("Cc", strings.Join(m.Cc, ", "))
	}
	h("Subject", mime.QEncoding.Encode("UTF-8", oneLine(m.Subject)))
	h("Date", m.Date.Format(time.RFC1123Z))
	if m.MessageID != "" {
		h("Message-ID", "<"+m.MessageID+">")
	}
	h("MIME-Version", "1.0")
	body := crlf(m.Body)
	if len(m.Attachments) == 0 {
		h("Content-Type", ct)
		h("Content-Transfer-Encoding", "8bit")
		b.WriteString("\r\n")
		b.WriteString(body)
		return b.Bytes(), nil
	}
	mw := multipart.NewWriter(&b)
	// A boundary derived from the content keeps the message deterministic
	// (the same action sends the same bytes) and cannot occur in it
	// except by a hash collision.
	sum := sha256.New()
	sum.Write([]byte(body))
	for _, a := range m.Attachments {
		sum.Write([]byte(a.Name))
		sum.Write(a.Data)
	}
	if err := mw.SetBoundary(fmt.Sprintf("coordc-%x", sum.Sum(nil))[:47]); err != nil {
		return nil, err
	}
	h("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {ct}, "Content-Transfer-Encoding": {"8bit"}})
	if err != nil {
		return nil, err
	}
	pw.Write([]byte(body))
	for _, a := range m.Attachments {
		disp := mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})
		pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"application/octet-stream"},
			"Content-Transfer-Encoding": {"base64"}, "Content-Disposition": {disp}})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			pw.Write([]byte(enc[:76] + "\r\n"))
			enc = enc[76:]
		}
		pw.Write([]byte(enc + "\r\n"))
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// oneLine joins the lines of a header value (a subject written over
// several lines in the XML), so no header can be injected.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ").Replace(s)), " ")
}

// crlf makes every line end CRLF, the last one too.
func crlf(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return strings.ReplaceAll(s, "\n", "\r\n")
}
