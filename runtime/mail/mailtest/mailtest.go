// Package mailtest is an in-process SMTP server for tests of email
// actions, on github.com/emersion/go-smtp's server: it listens on a
// loopback port, optionally offers STARTTLS with a throwaway self-signed
// certificate and requires AUTH PLAIN, and records every message it
// accepts.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options configure a Server.
type Options struct {
	// TLS offers STARTTLS (the certificate is in Server.CertPEM).
	TLS bool
	// Username and Password, when set, are required (AUTH PLAIN) before
	// MAIL FROM.
	Username, Password string
	// Reject makes RCPT TO of this address fail with 550.
	Reject string
}

// Message is a message the server accepted.
type Message struct {
	From string
	To   []string
	Data string
	// TLS and Authed tell how the session was secured.
	TLS, Authed bool
}

// Server is a running test SMTP server.
type Server struct {
	Host string
	Port int
	// CertPEM is the server certificate when Options.TLS.
	CertPEM []byte

	opts Options
	srv  *smtp.Server
	mu   sync.Mutex
	msgs []Message
}

// Start starts a server on 127.0.0.1; it stops when tb ends.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := &Server{Host: "127.0.0.1", opts: opts}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, c: c}, nil }))
	srv.Domain, srv.ReadTimeout, srv.WriteTimeout = "localhost", 10*time.Second, 10*time.Second
	srv.AllowInsecureAuth = !opts.TLS
	if opts.TLS {
		cert, certPEM, err := selfSigned()
		if err != nil {
			tb.Fatal(err)
		}
		srv.TLSConfig, s.CertPEM = &tls.Config{Certificates: []tls.Certificate{cert}}, certPEM
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	s.srv = srv
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// session is one SMTP session (smtp.Session and smtp.AuthSession).
type session struct {
	s      *Server
	c      *smtp.Conn
	authed bool
	msg    Message
}

func (x *session) AuthMechanisms() []string {
	if x.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != x.s.opts.Username || pass != x.s.opts.Password {
			return errors.New("invalid credentials")
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.opts.Username != "" && !x.authed {
		return smtp.ErrAuthRequired
	}
	_, isTLS := x.c.TLSConnectionState()
	x.msg = Message{From: from, TLS: isTLS, Authed: x.authed}
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == x.s.opts.Reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user: " + to}
	}
	x.msg.To = append(x.msg.To, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.msg.Data = string(data)
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, x.msg)
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.msg = Message{} }
func (x *session) Logout() error { return nil }

// selfSigned makes a throwaway certificate for 127.0.0.1 and localhost.
func selfSigned() (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	cert, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	return cert, certPEM, err
}
