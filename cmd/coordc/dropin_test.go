package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dropinProject is a small Oozie repository: a coordinator with its
// workflow, hive-site.xml and job.properties (outside the app directory,
// naming it by oozie.coord.application.path), a datasets file, a bundle
// with its own job.properties, and the XML every such repository has
// (pom.xml, ivy.xml, core-site.xml, log4j.xml, an HTML page).
const dropinProject = "../../testdata/dropin/project"

// copyTree copies dir into a new temporary directory and returns it.
func copyTree(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// lintJSON runs coordc lint -f json and decodes the report.
func lintJSON(t *testing.T, args ...string) (rep struct {
	Summary     map[string]int `json:"summary"`
	Diagnostics []struct {
		RuleID   string `json:"rule_id"`
		Code     string `json:"code"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		File     string `json:"file"`
	} `json:"diagnostics"`
}, code int) {
	t.Helper()
	stdout, stderr, code := coordc(t, append([]string{"lint", "-f", "json"}, args...)...)
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d, no JSON report: %v\nstdout:\n%s\nstderr:\n%s", code, err, stdout, stderr)
	}
	return rep, code
}

func TestLintSkipsOtherXML(t *testing.T) {
	other := []string{"pom.xml", "ivy.xml", "conf/core-site.xml", "src/main/resources/log4j.xml", "docs/runbook.xml", "oozie/apps/daily-sales/hive-site.xml"}
	t.Run("directory", func(t *testing.T) {
		rep, code := lintJSON(t, dropinProject)
		if code != exitOK || rep.Summary["files"] != 4 || len(rep.Diagnostics) != 1 {
			t.Errorf("exit %d, summary %v, diagnostics %+v; want exit 0, 4 files (coordinator, workflow, datasets, bundle), the one suppressed PIPE001", code, rep.Summary, rep.Diagnostics)
		}
	})
	t.Run("named", func(t *testing.T) {
		var args []string
		for _, f := range other {
			args = append(args, filepath.Join(dropinProject, f))
		}
		rep, code := lintJSON(t, args...)
		if code != exitOK || rep.Summary["files"] != 0 || len(rep.Diagnostics) != 0 {
			t.Errorf("exit %d, summary %v, diagnostics %+v; want every file skipped", code, rep.Summary, rep.Diagnostics)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		pom, err := os.ReadFile(filepath.Join(dropinProject, "pom.xml"))
		if err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		code := run([]string{"coordc", "lint", "--stdin-filename", "pom.xml", "-"}, bytes.NewReader(pom), &out, &errb)
		if code != exitOK || strings.Contains(out.String(), "E0701") {
			t.Errorf("exit %d\n%s%s", code, out.String(), errb.String())
		}
	})
	t.Run("workflows are linted as workflows", func(t *testing.T) {
		dir := t.TempDir()
		wf := filepath.Join(dir, "workflow.xml")
		data, _ := os.ReadFile(filepath.Join(dropinProject, "oozie/apps/daily-sales/workflow.xml"))
		os.WriteFile(wf, []byte(strings.Replace(string(data), `<ok to="end"/>`, `<ok to="ned"/>`, 1)), 0o644)
		hive, _ := os.ReadFile("testdata/invalid/hive-wf/wf/workflow.xml")
		os.WriteFile(filepath.Join(dir, "hive.xml"), hive, 0o644)
		for _, args := range [][]string{{wf}, {dir}} {
			rep, code := lintJSON(t, args...)
			if code != exitProblems || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Code != "E0708" || filepath.Base(rep.Diagnostics[0].File) != "workflow.xml" {
				t.Errorf("%v: exit %d, diagnostics %+v; want the one E0708 of the transition to an unknown node (a hive action is valid Oozie)", args, code, rep.Diagnostics)
			}
		}
	})
	t.Run("misspelt oozie root is still reported", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "coord.xml")
		os.WriteFile(p, []byte(`<coordinator-ap xmlns="uri:oozie:coordinator:0.4"/>`), 0o644)
		rep, code := lintJSON(t, p)
		if code != exitProblems || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Code != "E0701" {
			t.Errorf("exit %d, diagnostics %+v; want the unknown root E0701", code, rep.Diagnostics)
		}
	})
}

func TestLintJobProperties(t *testing.T) {
	ruleIDs := func(t *testing.T, args ...string) []string {
		t.Helper()
		rep, _ := lintJSON(t, args...)
		var out []string
		for _, d := range rep.Diagnostics {
			out = append(out, filepath.Base(d.File)+" "+d.RuleID+d.Code+" "+d.Message)
		}
		return out
	}
	t.Run("found by application path and beside the bundle", func(t *testing.T) {
		got := ruleIDs(t, dropinProject)
		want := []string{`coordinator.xml PIPE001PIPE001 No coordinator in the project writes dataset "sales"`}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("findings (-want +got):\n%s", d)
		}
	})
	dir := copyTree(t, dropinProject)
	os.Remove(filepath.Join(dir, "oozie/job.properties"))
	os.Remove(filepath.Join(dir, "oozie/apps/sales-bundle/job.properties"))
	t.Run("without properties: one note per file", func(t *testing.T) {
		got := ruleIDs(t, dir)
		want := []string{
			`coordinator.xml EL005EL005 3 parameters are not defined: "startTime", "endTime" and "appRoot"`,
			`coordinator.xml PIPE001PIPE001 No coordinator in the project writes dataset "sales"`,
			`datasets.xml EL005EL005 Parameter "dataRoot" is not defined`,
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("findings (-want +got):\n%s", d)
		}
	})
	t.Run("EL005 disabled silences them", func(t *testing.T) {
		cfg := filepath.Join(dir, ".coordc.hcl")
		os.WriteFile(cfg, []byte("rule \"EL005\" {\n  enabled = false\n}\n"), 0o644)
		defer os.Remove(cfg)
		got := ruleIDs(t, "--config", cfg, dir)
		if len(got) != 1 || !strings.Contains(got[0], "PIPE001") {
			t.Errorf("findings %q, want only the suppressed PIPE001", got)
		}
	})
	t.Run("mapped by glob in .coordc.hcl", func(t *testing.T) {
		props := filepath.Join(dir, "conf/prod.properties")
		os.WriteFile(props, []byte("nameNode=hdfs://nn:8020\nappRoot=${nameNode}/apps\ndataRoot=${nameNode}/data\nstartTime=2024-01-01T08:00Z\nendTime=2025-01-01T08:00Z\n"), 0o644)
		cfg := filepath.Join(dir, ".coordc.hcl")
		os.WriteFile(cfg, []byte(`properties = { "oozie/**" = "conf/prod.properties" }`+"\n"), 0o644)
		defer os.Remove(cfg)
		got := ruleIDs(t, "--config", cfg, dir)
		if len(got) != 1 || !strings.Contains(got[0], "PIPE001") {
			t.Errorf("findings %q, want only the suppressed PIPE001", got)
		}
	})
	t.Run("invalid map", func(t *testing.T) {
		cfg := filepath.Join(dir, ".coordc.hcl")
		os.WriteFile(cfg, []byte(`properties = { "oozie/**" = 3 }`+"\n"), 0o644)
		defer os.Remove(cfg)
		if _, stderr, code := coordc(t, "lint", "--config", cfg, dir); code != exitUsage || !strings.Contains(stderr, "Invalid properties setting") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
	})
}
