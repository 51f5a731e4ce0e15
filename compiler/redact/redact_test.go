package redact

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestIsSecret(t *testing.T) {
	p := New(func(string) string { return " *.pem , api_*" }, nil)
	for name, want := range map[string]bool{
		"db.password": true, "DB_PASSWORD": true, "oozie.secret.x": true, "hdfs.delegation.token": true,
		"aws.credentials.file": true, "ssl.key": true, "tls/private.key": true, "server.pem": true, "api_user": true,
		"user.name": false, "keyspace": false, "monkey": false, "tokenizer": true, "nameNode": false, "key.count": false,
	} {
		if got := p.IsSecret(name); got != want {
			t.Errorf("IsSecret(%q) = %v, want %v", name, got, want)
		}
	}
	var show *Policy
	if show.IsSecret("db.password") || show.Value("db.password", "x") != "x" || show.Text("hunter2") != "hunter2" {
		t.Error("a nil policy redacts")
	}
}

func TestValueAndText(t *testing.T) {
	p := New(func(string) string { return "" }, map[string]string{
		"db.password": "hunter2", "api.token": "abc", "jdbc.url": "jdbc:x://h/db?password=hunter2", "other.secret": "hunter2-long",
	})
	cases := []struct{ name, value, want string }{
		{"db.password", "hunter2", Mask},
		{"api.token", "abc", Mask},
		{"api.token", "", ""},
		{"jdbc.url", "jdbc:x://h/db?password=hunter2", "jdbc:x://h/db?password=" + Mask},
		{"msg", "was hunter2-long and hunter2 and abc", "was " + Mask + " and " + Mask + " and abc"},
	}
	for _, tc := range cases {
		if got := p.Value(tc.name, tc.value); got != tc.want {
			t.Errorf("Value(%q, %q) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
	p.AddJSON(`{"x.password":"s3cr3t!"}`)
	if got := p.Text("s3cr3t!"); got != Mask {
		t.Errorf("after AddJSON: %q", got)
	}
}

func TestHandler(t *testing.T) {
	p := New(func(string) string { return "" }, map[string]string{"db.password": "hunter2"})
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewTextHandler(&buf, nil), p)).With("conf", "pw=hunter2")
	log.Info("connect with hunter2", "db.password", "other", "err", errors.New("auth hunter2 failed"),
		slog.Group("g", "x", "hunter2"))
	out := buf.String()
	if strings.Contains(out, "hunter2") || strings.Contains(out, "other") {
		t.Errorf("the log shows a secret:\n%s", out)
	}
	if strings.Count(out, Mask) != 5 {
		t.Errorf("want 5 masks:\n%s", out)
	}
}

// TestWriterLongLines: secrets are masked across writes and in lines
// longer than the writer holds back, wherever the writes split them.
func TestWriterLongLines(t *testing.T) {
	p := New(func(string) string { return "" }, map[string]string{"db.password": "hunter2"})
	line := strings.Repeat("x", maxLine+5) + "hunter2" + strings.Repeat("y", maxLine) + "hunter2\nend hunter2"
	for _, chunk := range []int{1, 3, 7, 1000, len(line)} {
		var out bytes.Buffer
		w := NewWriter(&out, p)
		for i := 0; i < len(line); i += chunk {
			if _, err := w.Write([]byte(line[i:min(i+chunk, len(line))])); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(line, "hunter2", Mask)
		if out.String() != want {
			t.Errorf("chunk %d: %d bytes with %d masks, want %d bytes with %d", chunk, out.Len(), strings.Count(out.String(), Mask), len(want), strings.Count(want, Mask))
		}
	}
	var out bytes.Buffer
	w := NewWriter(&out, New(func(string) string { return "" }, nil)) // no secret values known
	w.Write([]byte(strings.Repeat("z", maxLine+10)))
	w.Flush()
	if out.Len() != maxLine+10 {
		t.Errorf("without secrets: %d bytes", out.Len())
	}
}
