package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOpsArgs feeds arbitrary argument lists to the ops commands: they
// must answer with an exit code, never panic (exit 4 with a stack).
func FuzzOpsArgs(f *testing.F) {
	for _, seed := range []string{
		"kill\x00J\x00--action\x001-3,7",
		"rerun\x00J\x00--date\x002024-01-01T00:00Z::2024-01-02T00:00Z\x00--refresh",
		"status\x00-o\x00json\x00J",
		"logs\x00J\x00--action",
		"kill\x00--\x00--action",
		"suspend\x00-\x00-x=",
		"rerun\x00J\x00--action\x00999999999999999999999",
	} {
		f.Add(seed)
	}
	missing := filepath.Join(f.TempDir(), "none.db")
	f.Fuzz(func(t *testing.T, in string) {
		args := strings.Split(in, "\x00")
		switch args[0] {
		case "kill", "suspend", "resume", "rerun", "status", "logs", "jobs":
		default:
			return
		}
		_, stderr, code := coordc(t, append(args, "--state", missing)...)
		if code == exitInternal {
			t.Errorf("%q: exit %d\n%s", args, code, stderr)
		}
	})
}

// TestOpArgsOrder: flags before and after the positional arguments, with
// aliases, the later one winning, and "--".
func TestOpArgsOrder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "state.db")
	submitFuture(t, db, futureCoordinator(t, t.TempDir()))
	for _, args := range [][]string{
		{"status", "--state", db, "-o", "text", "0000001-future-C", "-o", "json"},
		{"status", "0000001-future-C", "--output=json", "--state", db},
		{"status", "-o", "json", "--state", db, "--", "0000001-future-C"},
	} {
		stdout, stderr, code := coordc(t, args...)
		if code != exitOK || !strings.HasPrefix(stdout, `{"jobs":[{"id":"0000001-future-C"`) {
			t.Errorf("%q: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
}
