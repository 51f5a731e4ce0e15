package settings_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/runtime/settings"
)

// TestSMTP: the smtp block, with the server address overridden by
// COORDC_SMTP and --smtp; the password comes from a file or an
// environment variable, never from the file itself.
func TestSMTP(t *testing.T) {
	cfg, diags := lint.ParseConfig("/etc/coordc/.coordc.hcl", []byte(`runtime {
  smtp {
    host          = "mail.example.com"
    port          = 587
    from          = "etl@example.com"
    starttls      = true
    username      = "etl"
    password_file = "secrets/smtp"
    timeout       = "30s"
  }
}
`), nil)
	file, rdiags := settings.DecodeBody(cfg.Runtime, cfg.File)
	if diags = append(diags, rdiags...); diags.HasErrors() {
		t.Fatal(diags)
	}
	fromFile := settings.SMTP{Host: "mail.example.com", Port: 587, Source: "/etc/coordc/.coordc.hcl", From: "etl@example.com",
		StartTLS: true, Username: "etl", PasswordFile: "/etc/coordc/secrets/smtp", Timeout: 30 * time.Second}
	for _, tc := range []struct {
		name, flag string
		env        map[string]string
		file       *settings.File
		want       settings.SMTP
		wantErr    string
	}{
		{name: "none"},
		{name: "file", file: file, want: fromFile},
		{name: "environment", file: file, env: map[string]string{"COORDC_SMTP": "relay:2525"},
			want: func() settings.SMTP { s := fromFile; s.Host, s.Port, s.Source = "relay", 2525, "COORDC_SMTP"; return s }()},
		{name: "flag", file: file, flag: "127.0.0.1", env: map[string]string{"COORDC_SMTP": "relay:2525"},
			want: func() settings.SMTP { s := fromFile; s.Host, s.Port, s.Source = "127.0.0.1", 25, "--smtp"; return s }()},
		{name: "flag without file", flag: "[::1]:1025", want: settings.SMTP{Host: "::1", Port: 1025, Source: "--smtp", From: settings.DefaultFrom}},
		{name: "bad port", flag: "relay:0", wantErr: "--smtp"},
	} {
		got, err := settings.ResolveSMTP(tc.flag, env(tc.env), tc.file)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// A password written in the file is not an argument of the block.
	cfg, diags = lint.ParseConfig(".coordc.hcl", []byte("runtime {\n  smtp {\n    host = \"h\"\n    password = \"p\"\n  }\n}\n"), nil)
	if _, rdiags := settings.DecodeBody(cfg.Runtime, cfg.File); !append(diags, rdiags...).HasErrors() {
		t.Error("password in the configuration file accepted")
	}
	// The password file is read when the runtime is built.
	secret := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(secret, []byte("s3cret\n"), 0o600)
	s := settings.Settings{SMTP: settings.SMTP{Host: "h", Port: 25, From: "a@b", Username: "u", PasswordFile: secret}}
	if rt, err := s.Build(); err != nil || rt.Mail == nil {
		t.Errorf("Build: %v", err)
	}
	s.SMTP.PasswordFile, s.SMTP.PasswordEnv = "", "COORDC_TEST_UNSET_PASSWORD"
	if _, err := s.Build(); err == nil || !strings.Contains(err.Error(), "COORDC_TEST_UNSET_PASSWORD") {
		t.Errorf("Build with an unset password variable: %v", err)
	}
}
