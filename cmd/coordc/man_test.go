package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestManPage: the manual page names every visible command and flag, is
// plain ASCII roff, and groff reads it without a warning (when installed).
func TestManPage(t *testing.T) {
	page, stderr, code := coordc(t, "man")
	if code != exitOK {
		t.Fatalf("man: exit %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(page, ".TH COORDC 1\n") {
		t.Errorf("page does not start with .TH:\n%.200s", page)
	}
	for i, r := range page {
		if r > 0x7f {
			t.Fatalf("non-ASCII %q at byte %d", r, i)
		}
	}
	app := newApp(nil, nil, nil)
	for _, cmd := range app.Commands {
		if cmd.Hidden {
			continue
		}
		if !strings.Contains(page, ".SS coordc "+cmd.Name+"\n") {
			t.Errorf("no section for command %s", cmd.Name)
		}
		for _, f := range cmd.Flags {
			if name := roffText(dashed(f.Names()[0])); !strings.Contains(page, `\fB`+name+`\fR`) {
				t.Errorf("command %s: flag %s missing", cmd.Name, name)
			}
		}
	}
	if again, _, _ := coordc(t, "man"); again != page {
		t.Error("two runs differ")
	}
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Log("groff not installed; the page is not rendered")
		return
	}
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}
