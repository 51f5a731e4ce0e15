package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// wrapper is the fixed script /bin/sh runs: $1 is the action directory,
// $2 coordc's umask (restored for the command) and the rest the command's
// argv. File descriptor 3 is the handshake pipe (see the package
// documentation). Until "go" it writes nothing but its own
// unstarted.<pid> record, so a launch that loses (its handle was never
// committed) or is abandoned never touches the records or output of
// another launch. The wrapper creates the output files and records itself,
// under umask 077 (mode 0600), so that their creation runs beside coordc
// rather than in its launching loop. Records are written in place with
// one printf, no temporary file and mv: a reader takes a record without
// its final newline for one still being written, and only the existence
// of unstarted.<pid> counts. A record that cannot be written (a full disk)
// is retried every second: the wrapper stays alive, so the action reads as
// running and is checked again, never as lost. The command runs in a
// subshell that execs it: a name that is also a shell builtin (echo, test,
// kill, eval, exec, exit, …) runs the executable found on PATH, as Oozie's
// launcher runs it, never the builtin, which could parse an argument as
// shell code or end the wrapper before its record.
const wrapper = `d=$1
u=$2
shift 2
IFS= read -r go <&3 || go=
exec 3<&-
umask 077
if [ "$go" != go ]; then
	until printf '%s unstarted\n' "$$" >"$d/unstarted.$$"; do sleep 1; done
	exit 0
fi
s=126
if command exec >"$d/stdout" 2>"$d/stderr"; then
	umask "$u"
	( exec "$@" )
	s=$?
	umask 077
fi
until printf '%s %s\n' "$$" "$s" >"$d/exit"; do sleep 1; done
`

// File names in the action directory.
const (
	ExitFile   = "exit"   // the wrapper's exit record
	StdoutFile = "stdout" // the command's standard output
	StderrFile = "stderr" // the command's standard error (and the wrapper's)
	// unstartedPrefix + pid is the record of a wrapper that never ran its
	// command.
	unstartedPrefix = "unstarted."
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
	// Exited, when set, is called from another goroutine once the process
	// Start forked has ended (its exit or unstarted record is written by
	// then), so that a caller can check at once instead of polling. It is
	// a hint, called at most once and only in the process that started the
	// command: a process re-attached after a restart is found by Attach.
	Exited func()
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
	p, err := Fork(spec)
	if err != nil {
		return Handle{}, err
	}
	if err := record(p.Handle()); err != nil {
		p.Abort()
		return Handle{}, err
	}
	if err := p.Run(); err != nil {
		return Handle{}, err
	}
	return p.Handle(), nil
}

// Pending is a launch forked but not yet told to run its command: the
// first two steps of the handshake, so that a caller can commit the
// handles of many launches at once (one durable commit) before running
// them. Exactly one of Run and Abort must be called; until then the
// wrapper waits, and if the process that forked it dies, it exits
// without running the command (Attach: NotStarted).
type Pending struct {
	h   Handle
	dir string
	w   *os.File // the handshake pipe's writing end
}

// Handle is the handle to persist before Run.
func (p *Pending) Handle() Handle { return p.h }

// Run lets the command run, once its handle is committed: the records of
// earlier launches in the directory are cleaned up, then the wrapper is
// told to go. On an error the command never runs.
func (p *Pending) Run() error {
	defer p.w.Close()
	// Only now are older records cleaned up. A crash before this point
	// leaves them as they were, so the committed handle's fate can always
	// be read.
	if err := clearStale(p.dir, p.h.Pid); err != nil {
		return err // closing w makes the wrapper exit unstarted
	}
	if _, err := p.w.Write([]byte("go\n")); err != nil {
		return fmt.Errorf("launch: cannot signal the wrapper to start: %w", err)
	}
	return nil
}

// Abort makes the wrapper exit without running the command (its handle
// was not committed); it writes its unstarted record.
func (p *Pending) Abort() { p.w.Close() }

// Fork starts the wrapper of spec's command, which waits for Run (steps 1
// and 2 of the handshake in the package documentation).
func Fork(spec Spec) (*Pending, error) {
	if len(spec.Args) == 0 || spec.Args[0] == "" {
		return nil, errors.New("launch: no command to run")
	}
	if spec.Dir == "" {
		return nil, errors.New("launch: no action directory")
	}
	if err := privateDir(spec.Dir); err != nil {
		return nil, err
	}
	if err := privateOutput(spec.Dir); err != nil {
		return nil, err
	}
	mask, err := umask()
	if err != nil {
		return nil, err
	}
	null, err := devNull()
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	r, w, err := pipe()
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	workDir := spec.WorkDir
	if workDir == "" {
		workDir = spec.Dir
	}
	cmd := &exec.Cmd{
		Path:        "/bin/sh",
		Args:        append([]string{"sh", "-c", wrapper, "coordc-launch", spec.Dir, mask}, spec.Args...),
		Env:         append(os.Environ(), spec.Env...),
		Dir:         workDir,
		Stdin:       null,
		Stdout:      null,
		Stderr:      null,
		ExtraFiles:  []*os.File{r},
		SysProcAttr: &syscall.SysProcAttr{Setsid: true},
	}
	err = cmd.Start()
	r.Close()
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("launch: %w", err)
	}
	go func() {
		cmd.Wait() // reaps the wrapper; its status is in the exit record
		if spec.Exited != nil {
			spec.Exited()
		}
	}()
	st, err := readStat(cmd.Process.Pid)
	if err != nil {
		w.Close() // the wrapper exits unstarted
		return nil, fmt.Errorf("launch: %w", err)
	}
	return &Pending{h: Handle{Pid: cmd.Process.Pid, StartTime: st.start}, dir: spec.Dir, w: w}, nil
}

// pipe is the handshake pipe: os.Pipe's, without the poller (the wrapper
// reads its end as its file descriptor 3, and coordc only writes "go" once
// to an empty pipe, which never blocks), so that it costs no epoll and
// fcntl calls for registering, unblocking and closing.
func pipe() (r, w *os.File, err error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		return nil, nil, os.NewSyscallError("pipe2", err)
	}
	return os.NewFile(uintptr(p[0]), "|0"), os.NewFile(uintptr(p[1]), "|1"), nil
}

// privateDir creates dir (and its parents) readable by the owner only, and
// tightens it when it exists: action output may hold secrets. The
// directory usually exists (made by the caller, or by an earlier launch),
// so it is tightened first: one call.
func privateDir(dir string) error {
	err := os.Chmod(dir, 0o700)
	if errors.Is(err, os.ErrNotExist) {
		switch err = os.Mkdir(dir, 0o700); {
		case errors.Is(err, os.ErrNotExist):
			err = os.MkdirAll(dir, 0o700)
		case errors.Is(err, os.ErrExist):
			err = os.Chmod(dir, 0o700) // made meanwhile
		}
	}
	if err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	return nil
}

// privateOutput tightens output files that exist already (of an earlier
// launch, or made by someone else) to mode 0600 without touching their
// content; missing ones are created by the wrapper, under umask 077, once
// it may run.
func privateOutput(dir string) error {
	for _, name := range []string{StdoutFile, StderrFile} {
		err := os.Chmod(filepath.Join(dir, name), 0o600)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("launch: %w", err)
		}
	}
	return nil
}

// devNull is /dev/null, the wrappers' stdin, stdout and stderr, opened
// once for the life of the process.
var devNull = sync.OnceValues(func() (*os.File, error) { return os.OpenFile(os.DevNull, os.O_RDWR, 0) })

// umask returns the process's file mode creation mask in octal, which the
// wrapper restores for the command (it creates its own files under 077).
// It is read from /proc/self/status: syscall.Umask can only read the mask
// by setting it, which would race with files other goroutines create.
var umask = sync.OnceValues(func() (string, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "", fmt.Errorf("launch: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			v = strings.TrimSpace(v)
			if _, err := strconv.ParseUint(v, 8, 32); err != nil || v == "" {
				break
			}
			return v, nil
		}
	}
	return "", errors.New("launch: no umask in /proc/self/status")
})

// clearStale removes, once the handle of pid is committed, the records of
// earlier launches in dir: every unstarted record (those launches are over)
// and an exit record that names pid (a reused pid would otherwise read it
// as its own). One listing of dir finds both; like filepath.Glob, it
// ignores a directory it cannot read.
func clearStale(dir string, pid int) error {
	var names []string
	if d, err := os.Open(dir); err == nil {
		names, _ = d.Readdirnames(-1)
		d.Close()
	}
	exit := false
	for _, n := range names {
		switch {
		case n == ExitFile:
			exit = true
		case strings.HasPrefix(n, unstartedPrefix):
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("launch: %w", err)
			}
		}
	}
	if !exit {
		return nil
	}
	if _, ours, _ := readExit(dir, pid); ours {
		if err := os.Remove(filepath.Join(dir, ExitFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("launch: %w", err)
		}
	}
	return nil
}
