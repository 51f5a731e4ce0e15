package notify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

func decode(t *testing.T, src string, env map[string]string) (*Config, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "smtp-password"), []byte("pw-from-file\n"), 0o600)
	name := filepath.Join(dir, ".coordc.hcl")
	f, diags := hclparse.NewParser().ParseHCL([]byte(src), name)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return DecodeBody(f.Body, name, func(k string) string { return env[k] })
}

func TestDecodeBody(t *testing.T) {
	cfg, diags := decode(t, `
webhook "ops" {
  url       = "https://hooks.example.com/x"
  events    = ["sla", "failure"]
  token_env = "HOOK_TOKEN"
}
email {
  smtp_server   = "smtp.example.com:587"
  from          = "coordc@example.com"
  to            = ["oncall@example.com"]
  username      = "coordc"
  password_file = "smtp-password"
}
`, map[string]string{"HOOK_TOKEN": "tok"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	w := cfg.Webhooks[0]
	if w.Name != "ops" || w.Token != "tok" || strings.Join(w.Events, ",") != "SLA,FAILURE" {
		t.Errorf("webhook %+v", w)
	}
	e := cfg.Email
	if e.Password != "pw-from-file" || strings.Join(e.Events, ",") != strings.Join(DefaultEmailEvents, ",") || e.Server != "smtp.example.com:587" {
		t.Errorf("email %+v", e)
	}
	sec := cfg.Secrets()
	if sec["notify.webhook.ops.token"] != "tok" || sec["notify.email.password"] != "pw-from-file" {
		t.Errorf("secrets %v", sec)
	}
}

func TestDecodeBodyErrors(t *testing.T) {
	for src, want := range map[string]string{
		"webhook \"a\" {\nurl = \"ftp://x\"\n}":                                                              "no http(s) URL",
		"webhook \"a\" {\nurl = \"http://x\"\n}\nwebhook \"a\" {\nurl = \"http://y\"\n}":                     "Duplicate webhook",
		"webhook \"a\" {\nurl = \"http://x\"\ntoken_env = \"UNSET\"\n}":                                      "UNSET is empty",
		"webhook \"a\" {\nurl = \"http://x\"\ntoken_file = \"nope\"\n}":                                      "Cannot read the token file",
		"email {\nsmtp_server = \"smtp\"\nfrom = \"a@b\"\n}":                                                 "no port",
		"email {\nsmtp_server = \"smtp:25\"\nfrom = \"a@b\"\npassword_env = \"P\"\npassword_file = \"f\"\n}": "Both password_file and password_env",
		"sms {\nto = \"x\"\n}": "Unsupported block type",
	} {
		_, diags := decode(t, src, nil)
		if !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
			t.Errorf("%s: %v, want an error with %q", src, diags, want)
		}
	}
}
