package settings

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/mail"
)

// EnvSMTP is the SMTP server as HOST[:PORT], read by FromCLI below the
// --smtp flag and above the runtime block.
const EnvSMTP = "COORDC_SMTP"

// FlagSMTP is the SMTP server flag.
const FlagSMTP = "smtp"

// DefaultFrom is the sender of email actions when none is configured (as
// Oozie's oozie.email.from.address defaults to oozie@localhost).
const DefaultFrom = "coordc@localhost"

// SMTPBlock is the smtp block of the runtime block: the server of email
// actions. The password is never written in the file: password_file names
// a file holding it, password_env an environment variable.
type SMTPBlock struct {
	Host               string `hcl:"host,optional"`
	Port               int    `hcl:"port,optional"`
	From               string `hcl:"from,optional"`
	StartTLS           bool   `hcl:"starttls,optional"`
	Username           string `hcl:"username,optional"`
	PasswordFile       string `hcl:"password_file,optional"`
	PasswordEnv        string `hcl:"password_env,optional"`
	CAFile             string `hcl:"ca_file,optional"`
	InsecureSkipVerify bool   `hcl:"insecure_skip_verify,optional"`
	Timeout            string `hcl:"timeout,optional"`
}

// SMTP are the resolved SMTP settings; Host "" means no server (email
// actions then fail with LAUNCH_ERROR).
type SMTP struct {
	Host string
	Port int
	// Source says where the server came from: "--smtp", EnvSMTP or the
	// configuration file name.
	Source             string
	From               string
	StartTLS           bool
	Username           string
	PasswordFile       string // absolute, or relative to the working directory
	PasswordEnv        string
	CAFile             string
	InsecureSkipVerify bool
	Timeout            time.Duration
}

// smtpFlag is the --smtp flag (appended to Flags).
func smtpFlag() string {
	return "SMTP server `HOST[:PORT]` of email actions (overrides " + EnvSMTP + " and the runtime block's smtp host and port)"
}

// ResolveSMTP applies the precedence flag > environment > file to the
// server address; everything else comes from the file's smtp block.
// Relative file names of the block are relative to the file.
func ResolveSMTP(flag string, getenv func(string) string, file *File) (SMTP, error) {
	var s SMTP
	var b SMTPBlock
	if file != nil && file.SMTP != nil {
		b = *file.SMTP
		s.Source = file.Filename
		s.Host, s.Port = b.Host, b.Port
	}
	for _, src := range []struct{ v, name string }{{flag, "--" + FlagSMTP}, {getenv(EnvSMTP), EnvSMTP}} {
		if v := strings.TrimSpace(src.v); v != "" {
			host, port, err := splitHostPort(v)
			if err != nil {
				return s, fmt.Errorf("%s: %v", src.name, err)
			}
			s.Host, s.Port, s.Source = host, port, src.name
			break
		}
	}
	if s.Host == "" {
		return SMTP{}, nil
	}
	if s.Port == 0 {
		s.Port = 25
	}
	s.From, s.StartTLS, s.Username, s.PasswordEnv, s.InsecureSkipVerify = firstOf(b.From, DefaultFrom), b.StartTLS, b.Username, b.PasswordEnv, b.InsecureSkipVerify
	rel := func(p string) string {
		if p != "" && !filepath.IsAbs(p) && file != nil && file.Filename != "" {
			return filepath.Join(filepath.Dir(file.Filename), p)
		}
		return p
	}
	s.PasswordFile, s.CAFile = rel(b.PasswordFile), rel(b.CAFile)
	if s.PasswordFile != "" && s.PasswordEnv != "" {
		return s, fmt.Errorf("smtp: set password_file or password_env, not both")
	}
	if (s.PasswordFile != "" || s.PasswordEnv != "") && s.Username == "" {
		return s, fmt.Errorf("smtp: a password is configured without a username")
	}
	if b.Timeout != "" {
		d, err := time.ParseDuration(b.Timeout)
		if err != nil || d <= 0 {
			return s, fmt.Errorf("smtp: timeout %q is not a positive duration such as \"10s\"", b.Timeout)
		}
		s.Timeout = d
	}
	return s, nil
}

// splitHostPort reads HOST[:PORT].
func splitHostPort(v string) (string, int, error) {
	host, portStr, err := net.SplitHostPort(v)
	if err != nil {
		if strings.Contains(err.Error(), "missing port") {
			return strings.Trim(v, "[]"), 0, nil
		}
		return "", 0, fmt.Errorf("%q is not HOST[:PORT]", v)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 || host == "" {
		return "", 0, fmt.Errorf("%q is not HOST[:PORT] with a port from 1 to 65535", v)
	}
	return host, port, nil
}

// buildMail makes the mail client, reading the password from its file or
// environment variable; nil when no server is configured.
func (s SMTP) buildMail() (*mail.Client, error) {
	if s.Host == "" {
		return nil, nil
	}
	cfg := mail.Config{Host: s.Host, Port: s.Port, From: s.From, StartTLS: s.StartTLS, Username: s.Username, Timeout: s.Timeout}
	switch {
	case s.PasswordFile != "":
		data, err := os.ReadFile(s.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("smtp password_file: %w", err)
		}
		cfg.Password = strings.TrimRight(string(data), "\r\n")
	case s.PasswordEnv != "":
		v, ok := os.LookupEnv(s.PasswordEnv)
		if !ok {
			return nil, fmt.Errorf("smtp password_env: the environment variable %s is not set", s.PasswordEnv)
		}
		cfg.Password = v
	}
	if s.CAFile != "" || s.InsecureSkipVerify {
		cfg.TLS = &tls.Config{InsecureSkipVerify: s.InsecureSkipVerify} // opt-in, for tests only
		if s.CAFile != "" {
			pem, err := os.ReadFile(s.CAFile)
			if err != nil {
				return nil, fmt.Errorf("smtp ca_file: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("smtp ca_file %s holds no PEM certificate", s.CAFile)
			}
			cfg.TLS.RootCAs = pool
		}
	}
	c, err := mail.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("SMTP settings from %s: %w", s.Source, err)
	}
	return c, nil
}
