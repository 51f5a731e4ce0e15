package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// wrapper is the fixed script /bin/sh runs: $1 is the action directory, $2
// the absolute path of mv, and the rest the command's argv. File descriptor
// 3 is the handshake pipe (see the package documentation).
const wrapper = `d=$1 mv=$2
shift 2
IFS= read -r go <&3 || go=
exec 3<&-
if [ "$go" != go ]; then
	printf '%s unstarted\n' "$$" >"$d/exit.$$" && "$mv" -f "$d/exit.$$" "$d/exit"
	exit 0
fi
"$@"
s=$?
printf '%s %s\n' "$$" "$s" >"$d/exit.$$" && "$mv" -f "$d/exit.$$" "$d/exit"
`

// File names in the action directory.
const (
	ExitFile   = "exit"   // the wrapper's exit record
	StdoutFile = "stdout" // the command's standard output
	StderrFile = "stderr" // the command's standard error (and the wrapper's)
)

// Spec describes a process to start.
type Spec struct {
	// Dir is the action directory for the exit record and output files; it
	// is created when missing.
	Dir string
	// Args is the command's argv; Args[0] is looked up in PATH (of Env) when
	// it has no slash.
	Args []string
	// Env entries "NAME=value" are added to coordc's own environment (a
	// later entry wins).
	Env []string
	// WorkDir is the working directory; empty means Dir.
	WorkDir string
}

// Handle identifies a started process: its pid and its start time in clock
// ticks after boot (field 22 of /proc/<pid>/stat), which tells it apart
// from a later process that reuses the pid.
type Handle struct {
	Pid       int
	StartTime uint64
}

// String formats the handle as "pid:<pid>:<start time>".
func (h Handle) String() string { return fmt.Sprintf("pid:%d:%d", h.Pid, h.StartTime) }

// ParseHandle reads the String form of a Handle.
func ParseHandle(s string) (Handle, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || parts[0] != "pid" {
		return Handle{}, fmt.Errorf("process handle %q is not of the form pid:<pid>:<start time>", s)
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return Handle{}, fmt.Errorf("process handle %q has an invalid pid", s)
	}
	st, err := strconv.ParseUint(parts[2], 10, 64)
	if err != nil {
		return Handle{}, fmt.Errorf("process handle %q has an invalid start time", s)
	}
	return Handle{Pid: pid, StartTime: st}, nil
}

// Start starts spec's command detached and returns its handle. record is
// called with the handle before the command runs; when it returns an error,
// the command never runs and Start returns that error. A caller that
// persists the handle in record can always find the process again with
// Attach, whatever moment it crashes at.
func Start(spec Spec, record func(Handle) error) (Handle, error) {
	if len(spec.Args) == 0 || spec.Args[0] == "" {
		return Handle{}, errors.New("launch: no command to run")
	}
	if spec.Dir == "" {
		return Handle{}, errors.New("launch: no action directory")
	}
	mv, err := exec.LookPath("mv")
	if err != nil {
		return Handle{}, fmt.Errorf("launch: the wrapper needs mv: %w", err)
	}
	if err := os.MkdirAll(spec.Dir, 0o755); err != nil {
		return Handle{}, fmt.Errorf("launch: %w", err)
	}
	// A record of an earlier launch could carry the pid the new process gets.
	if err := os.Remove(filepath.Join(spec.Dir, ExitFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Handle{}, fmt.Errorf("launch: %w", err)
	}
	files, err := openFiles(spec.Dir)
	if err != nil {
		return Handle{}, err
	}
	defer closeAll(files)
	r, w, err := os.Pipe()
	if err != nil {
		return Handle{}, fmt.Errorf("launch: %w", err)
	}
	defer w.Close()
	workDir := spec.WorkDir
	if workDir == "" {
		workDir = spec.Dir
	}
	cmd := &exec.Cmd{
		Path:        "/bin/sh",
		Args:        append([]string{"sh", "-c", wrapper, "coordc-launch", spec.Dir, mv}, spec.Args...),
		Env:         append(os.Environ(), spec.Env...),
		Dir:         workDir,
		Stdin:       files[0],
		Stdout:      files[1],
		Stderr:      files[2],
		ExtraFiles:  []*os.File{r},
		SysProcAttr: &syscall.SysProcAttr{Setsid: true},
	}
	err = cmd.Start()
	r.Close()
	if err != nil {
		return Handle{}, fmt.Errorf("launch: %w", err)
	}
	go cmd.Wait() // reaps the wrapper; its status is in the exit record
	st, err := readStat(cmd.Process.Pid)
	if err != nil {
		return Handle{}, fmt.Errorf("launch: %w", err) // closing w makes the wrapper exit unstarted
	}
	h := Handle{Pid: cmd.Process.Pid, StartTime: st.start}
	if err := record(h); err != nil {
		return Handle{}, err
	}
	if _, err := w.Write([]byte("go\n")); err != nil {
		return Handle{}, fmt.Errorf("launch: cannot signal the wrapper to start: %w", err)
	}
	return h, nil
}

// openFiles opens /dev/null and the output files of dir.
func openFiles(dir string) ([]*os.File, error) {
	in, err := os.Open(os.DevNull)
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	files := []*os.File{in}
	for _, name := range []string{StdoutFile, StderrFile} {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			closeAll(files)
			return nil, fmt.Errorf("launch: %w", err)
		}
		files = append(files, f)
	}
	return files, nil
}

func closeAll(files []*os.File) {
	for _, f := range files {
		f.Close()
	}
}
