package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coordc/coordc/schemas"
)

// TestCLIConventions: did-you-mean, unknown flags after the arguments,
// help on stdout only when asked, --version, and JSON errors for -o json.
func TestCLIConventions(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring; "" means empty
		stderr     string // substring
		jsonErrors bool
	}{
		{"unknown command", []string{"plna", "x"}, exitUsage, "", `coordc: Unknown command "plna" (see coordc --help). Did you mean plan?`, false},
		{"unknown flag", []string{"lint", "--formt", "json", lintDay}, exitUsage, "", "coordc lint: Unknown flag --formt (see coordc lint --help). Did you mean --format?", false},
		{"unknown flag after the arguments", []string{"lint", lintDay, "--formt", "json"}, exitUsage, "", "coordc lint: Unknown flag --formt", false},
		{"unknown flag with -o json", []string{"validate", example, "-o", "json", "--strikt"}, exitUsage, `"code": "USAGE"`, "coordc validate: Unknown flag --strikt (see coordc validate --help). Did you mean --strict?", true},
		{"usage error with -o json", []string{"validate", "-o", "json"}, exitUsage, `"code": "USAGE"`, "coordc validate: Give at least one FILE", true},
		{"jobs without state, -o json", []string{"jobs", "-o", "json", "--state", "nope.db"}, exitUsage, `"diagnostics"`, "", true},
		{"no command", nil, exitUsage, "", "USAGE:", false},
		{"help asked", []string{"--help"}, exitOK, "USAGE:", "", false},
		{"command help asked", []string{"lint", "--help"}, exitOK, "--fail-level", "", false},
		{"version flag", []string{"--version"}, exitOK, "coordc ", "", false},
		{"completion without shell", []string{"completion"}, exitUsage, "", "coordc completion: Give one shell", false},
		{"eval of an undefined parameter", []string{"eval", example, "--properties", exampleProps, "--nominal-time", "2009-03-09T07:00Z", "${nope}"}, exitProblems, "", "<expression>:1:3: error: variable [nope] cannot be resolved", false},
		{"eval of an unknown data-in", []string{"eval", example, "--properties", exampleProps, "--nominal-time", "2009-03-09T07:00Z", "${coord:dataIn('nope')}"}, exitProblems, "", `<expression>:1:16: error: Unknown data-in "nope" [EL006]`, false},
		{"eval of a known data-in", []string{"eval", example, "--properties", exampleProps, "--nominal-time", "2009-03-09T07:00Z", "${coord:dataIn('yesterday')}"}, exitOK, "hdfs://namenode:8020/logs/hourly/2009/03/09/06,", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := coordc(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if tc.stdout == "" && stdout != "" || !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout %q, want it to contain %q", stdout, tc.stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.stderr)
			}
			if tc.jsonErrors {
				checkSchema(t, tc.name, schemas.DiagnosticsSchema(), stdout)
			}
		})
	}
	if v, _, _ := coordc(t, "--version"); true {
		if w, _, _ := coordc(t, "version"); v != w {
			t.Errorf("--version %q differs from version %q", v, w)
		}
	}
}

// TestCompletionScripts: the bash script loads in bash and completes
// commands and flags; zsh and fish load when those shells are installed.
func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, stderr, code := coordc(t, "completion", shell)
		if code != exitOK || out == "" {
			t.Fatalf("completion %s: exit %d\n%s", shell, code, stderr)
		}
		os.WriteFile(filepath.Join(dir, shell), []byte(out), 0o644)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is missing")
	}
	script := `source <(cat "$1") || exit 1
complete -p coordc || exit 1
COMP_WORDS=(coordc pl); COMP_CWORD=1; _coordc; echo "${COMPREPLY[*]}"
COMP_WORDS=(coordc lint x.xml --fa); COMP_CWORD=3; _coordc; echo "${COMPREPLY[*]}"`
	out, err := exec.Command(bash, "-c", script, "_", filepath.Join(dir, "bash")).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 3 || lines[1] != "plan" || lines[2] != "--fail-level" {
		t.Errorf("bash completion:\n%s", out)
	}
	for shell, check := range map[string]string{"zsh": "autoload -U compinit && compinit -u && source %s", "fish": "source %s"} {
		sh, err := exec.LookPath(shell)
		if err != nil {
			t.Logf("%s not installed; its script is not loaded", shell)
			continue
		}
		if out, err := exec.Command(sh, "-c", strings.Replace(check, "%s", filepath.Join(dir, shell), 1)).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", shell, err, out)
		}
	}
}

// TestPlanFrequencyValue: the JSON plan shows the frequency a parameter
// gives, not the parameter's name.
func TestPlanFrequencyValue(t *testing.T) {
	dir := t.TempDir()
	coord := func(freq string) string {
		p := filepath.Join(dir, strings.NewReplacer("$", "", "{", "", "}", "", ":", "", "(", "", ")", "").Replace(freq)+".xml")
		os.WriteFile(p, []byte(`<coordinator-app name="p" frequency="`+freq+`" start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4"><action><workflow><app-path>hdfs://nn/a</app-path></workflow></action></coordinator-app>`), 0o644)
		return p
	}
	tests := []struct{ file, define, want string }{
		{coord("${freq}"), "freq=60", `"frequency":"60"`},
		{coord("${freq}"), "freq=0 6 * * *", `"frequency":"0 6 * * *"`},
		{coord("${coord:days(n)}"), "n=2", `"frequency":"coord:days(2)"`},
		{coord("${coord:days(1)}"), "n=2", `"frequency":"coord:days(1)"`},
	}
	for _, tc := range tests {
		stdout, stderr, code := coordc(t, "plan", "-o", "json", "-D", tc.define, tc.file)
		if code != exitOK || !strings.Contains(strings.ReplaceAll(stdout, `": "`, `":"`), tc.want) {
			t.Errorf("%s -D %s: exit %d, want %s in\n%.400s\n%s", filepath.Base(tc.file), tc.define, code, tc.want, stdout, stderr)
		}
	}
}

// TestPlanHorizon: text and Markdown plans of a far-future end stop at the
// default horizon and say so; JSON, --all and a bounded window do not.
func TestPlanHorizon(t *testing.T) {
	p := filepath.Join(t.TempDir(), "five.xml")
	os.WriteFile(p, []byte(`<coordinator-app name="five" frequency="5" start="2024-01-01T00:00Z" end="2034-01-01T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4"><action><workflow><app-path>hdfs://nn/a</app-path></workflow></action></coordinator-app>`), 0o644)
	const note = "first 1000 of 1052064 actions; use --to, --count or --all"
	for _, args := range [][]string{{"plan", p}, {"plan", "-o", "markdown", p}} {
		stdout, _, code := coordc(t, args...)
		if code != exitOK || !strings.Contains(stdout, note) || !strings.Contains(stdout, "Plan: 1000 actions") {
			t.Errorf("%v: exit %d, want the horizon note:\n%.600s", args, code, stdout)
		}
	}
	for _, args := range [][]string{{"plan", "--count", "3", p}, {"plan", "--to", "2024-01-01T00:15Z", p}} {
		if stdout, _, _ := coordc(t, args...); strings.Contains(stdout, "first 1000") {
			t.Errorf("%v: a bounded window is not cut:\n%.600s", args, stdout)
		}
	}
	if testing.Short() {
		return
	}
	stdout, _, code := coordc(t, "plan", "-o", "json", p)
	if code != exitOK || !strings.Contains(stdout, `"actions": 1052064`) {
		t.Errorf("JSON is cut: exit %d, %.300s", code, stdout[max(0, len(stdout)-300):])
	}
}

// TestErrorMessageForm: coordc prints every error as "coordc: Message" or
// "coordc COMMAND: Message", the message in sentence case (README
// "Messages"), whatever the command: an unknown flag of each command, and
// usage errors of several.
func TestErrorMessageForm(t *testing.T) {
	form := regexp.MustCompile(`^coordc(?: [a-z-]+)?: (?:[^a-z]|coordc |[a-z]+[^a-z ,;:])`)
	invocations := [][]string{{"--nope"}, {"nope"}, {"validate"}, {"plan", "--count", "x", example}, {"completion", "bsh"},
		{"explain", "nope"}, {"lint", "-f", "nope", example}, {"convert", "--to", "yaml", example}}
	for _, cmd := range newApp(nil, nil, nil).Commands {
		invocations = append(invocations, []string{cmd.Name, "--no-such-flag"})
	}
	for _, args := range invocations {
		_, stderr, code := coordc(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if !form.MatchString(lines[len(lines)-1]) {
			t.Errorf("%v: %q is not \"coordc[ COMMAND]: Sentence\"", args, lines[len(lines)-1])
		}
	}
	for in, want := range map[string]string{
		"give a FILE":           "Give a FILE",
		"--from: bad":           "--from: bad",
		"job.properties: bad":   "job.properties: bad",
		`"x" is unknown`:        `"x" is unknown`,
		"coordc internal error": "coordc internal error",
		"x-1 is not a job":      "x-1 is not a job",
		"open x: no such file":  "Open x: no such file",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
