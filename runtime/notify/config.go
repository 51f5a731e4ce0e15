package notify

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
)

// Config is the notify block of .coordc.hcl's runtime block.
type Config struct {
	Webhooks []Webhook
	Email    *Email // nil: no mail is sent
}

// Webhook is a webhook destination: each matching event is POSTed to URL as
// a JSON object.
type Webhook struct {
	Name string
	URL  string
	// Events are the event statuses (STARTED, SUCCESS, FAILURE, END_MISS …)
	// or message types (JOB, SLA) sent; empty sends every event.
	Events []string
	// Token, when set, is sent as "Authorization: Bearer <token>". It is
	// read from token_file or token_env, never written in the file.
	Token string
}

// Email sends events by SMTP.
type Email struct {
	// Server is host:port of the SMTP server (STARTTLS is used when it
	// offers it).
	Server string
	From   string
	// To receive the events in Events (default: the SLA misses), besides
	// the alert-contact of SLAs, which receives the SLA's alert-events.
	To       []string
	Events   []string
	Username string
	Password string // from password_file or password_env
}

// DefaultEmailEvents are the events mailed to Email.To when the block
// names none.
var DefaultEmailEvents = []string{"START_MISS", "END_MISS", "DURATION_MISS"}

type notifyBlock struct {
	Webhooks []webhookBlock `hcl:"webhook,block"`
	Email    *emailBlock    `hcl:"email,block"`
}

type webhookBlock struct {
	Name      string    `hcl:"name,label"`
	URL       string    `hcl:"url"`
	Events    []string  `hcl:"events,optional"`
	TokenFile string    `hcl:"token_file,optional"`
	TokenEnv  string    `hcl:"token_env,optional"`
	DefRange  hcl.Range `hcl:",def_range"`
}

type emailBlock struct {
	SMTPServer   string    `hcl:"smtp_server"`
	From         string    `hcl:"from"`
	To           []string  `hcl:"to,optional"`
	Events       []string  `hcl:"events,optional"`
	Username     string    `hcl:"username,optional"`
	PasswordFile string    `hcl:"password_file,optional"`
	PasswordEnv  string    `hcl:"password_env,optional"`
	DefRange     hcl.Range `hcl:",def_range"`
}

// DecodeBody decodes a notify block's body from the configuration file
// filename (token_file and password_file are relative to its directory);
// getenv reads token_env and password_env (nil: os.Getenv). A nil body is
// an empty Config.
func DecodeBody(body hcl.Body, filename string, getenv func(string) string) (*Config, hcl.Diagnostics) {
	cfg := &Config{}
	if body == nil {
		return cfg, nil
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	var nb notifyBlock
	diags := gohcl.DecodeBody(body, nil, &nb)
	if diags.HasErrors() {
		return cfg, diags
	}
	seen := map[string]bool{}
	for _, w := range nb.Webhooks {
		if seen[w.Name] {
			diags = append(diags, errAt(w.DefRange, fmt.Sprintf("Duplicate webhook %q", w.Name), "Give each webhook block its own name."))
			continue
		}
		seen[w.Name] = true
		if !strings.HasPrefix(w.URL, "http://") && !strings.HasPrefix(w.URL, "https://") {
			diags = append(diags, errAt(w.DefRange, fmt.Sprintf("Webhook %q has no http(s) URL", w.Name), "Set url to an http:// or https:// address."))
			continue
		}
		tok, d := secret(w.TokenFile, w.TokenEnv, "token", filename, getenv, w.DefRange)
		if d != nil {
			diags = append(diags, d)
			continue
		}
		cfg.Webhooks = append(cfg.Webhooks, Webhook{Name: w.Name, URL: w.URL, Events: upper(w.Events), Token: tok})
	}
	if e := nb.Email; e != nil {
		pw, d := secret(e.PasswordFile, e.PasswordEnv, "password", filename, getenv, e.DefRange)
		if d != nil {
			diags = append(diags, d)
		}
		if !strings.Contains(e.SMTPServer, ":") {
			diags = append(diags, errAt(e.DefRange, "The SMTP server has no port", `Write smtp_server as host:port, e.g. "smtp.example.com:587".`))
		}
		ev := upper(e.Events)
		if len(ev) == 0 {
			ev = DefaultEmailEvents
		}
		cfg.Email = &Email{Server: e.SMTPServer, From: e.From, To: e.To, Events: ev, Username: e.Username, Password: pw}
	}
	return cfg, diags
}

// secret reads a secret from a file (relative to the configuration file)
// or an environment variable; at most one may be given.
func secret(file, env, what, filename string, getenv func(string) string, rng hcl.Range) (string, *hcl.Diagnostic) {
	switch {
	case file != "" && env != "":
		return "", errAt(rng, fmt.Sprintf("Both %s_file and %s_env are set", what, what), "Keep one of them.")
	case env != "":
		v := getenv(env)
		if v == "" {
			return "", errAt(rng, fmt.Sprintf("Environment variable %s is empty", env), fmt.Sprintf("Set %s to the %s, or remove %s_env.", env, what, what))
		}
		return v, nil
	case file != "":
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(filename), file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return "", errAt(rng, fmt.Sprintf("Cannot read the %s file", what), err.Error())
		}
		return strings.TrimSpace(string(data)), nil
	}
	return "", nil
}

func errAt(rng hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}
}

func upper(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.ToUpper(strings.TrimSpace(s)))
	}
	return out
}

// Secrets are the secret values of c (tokens, the SMTP password), for the
// redaction policy of the logs.
func (c *Config) Secrets() map[string]string {
	out := map[string]string{}
	for _, w := range c.Webhooks {
		if w.Token != "" {
			out["notify.webhook."+w.Name+".token"] = w.Token
		}
	}
	if c.Email != nil && c.Email.Password != "" {
		out["notify.email.password"] = c.Email.Password
	}
	return out
}

// Empty reports whether c sends nothing of its own (URL callbacks from job
// properties are sent anyway).
func (c *Config) Empty() bool { return c == nil || (len(c.Webhooks) == 0 && c.Email == nil) }
