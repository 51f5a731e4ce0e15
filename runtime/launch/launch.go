package launch

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// File names in the action directory.
const (
	ExitFile   = "exit"   // the launch's start and exit record
	StdoutFile = "stdout" // the command's standard output
	StderrFile = "stderr" // the command's standard error (and why it could not start)
	// unstartedPrefix + the launch's ident is the record of a launch whose
	// command never ran.
	unstartedPrefix = "unstarted."
)

// Spec describes a process to start.
type Spec struct {
	// Dir is the action directory for the records and output files; it is
	// created when missing. A relative Dir is taken from the working
	// directory of the process that calls Fork.
	Dir string
	// Args is the command's argv; Args[0] is looked up in PATH (of Env) when
	// it has no slash, and a relative path with a slash is taken from
	// WorkDir.
	Args []string
	// Env entries "NAME=value" are added to coordc's own environment (a
	// later entry wins); PWD is set to the working directory, as a shell
	// sets it.
	Env []string
	// WorkDir is the working directory; empty means Dir.
	WorkDir string
	// Exited, when set, is called from another goroutine once the launch
	// has ended (its exit or unstarted record is written by then), or its
	// supervisor died, so that a caller can check at once instead of
	// polling. It is a hint, called at most once and only in the process
	// that prepared the launch: a launch re-attached after a restart is
	// found by Attach.
	Exited func()
}

// Handle identifies a launch: the process that waits for the command,
// by its pid and its start time in clock ticks after boot (field 22 of
// /proc/<pid>/stat, which tells it apart from a later process that
// reuses the pid), and the launch's number among that process's
// launches. Seq is 0 for a launch of coordc before the supervisor, whose
// process was a wrapper that ran one command.
type Handle struct {
	Pid       int
	StartTime uint64
	Seq       uint64
}

// String formats the handle as "pid:<pid>:<start time>:<seq>", or
// "pid:<pid>:<start time>" when Seq is 0.
func (h Handle) String() string {
	if h.Seq == 0 {
		return fmt.Sprintf("pid:%d:%d", h.Pid, h.StartTime)
	}
	return fmt.Sprintf("pid:%d:%d:%d", h.Pid, h.StartTime, h.Seq)
}

// ident is the launch's name in its records: "<pid>:<start time>:<seq>",
// or the wrapper's pid when Seq is 0.
func (h Handle) ident() string {
	if h.Seq == 0 {
		return strconv.Itoa(h.Pid)
	}
	return fmt.Sprintf("%d:%d:%d", h.Pid, h.StartTime, h.Seq)
}

// ParseHandle reads the String form of a Handle.
func ParseHandle(s string) (Handle, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 4 || parts[0] != "pid" {
		return Handle{}, fmt.Errorf("process handle %q is not of the form pid:<pid>:<start time>:<seq>", s)
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return Handle{}, fmt.Errorf("process handle %q has an invalid pid", s)
	}
	st, err := strconv.ParseUint(parts[2], 10, 64)
	if err != nil {
		return Handle{}, fmt.Errorf("process handle %q has an invalid start time", s)
	}
	h := Handle{Pid: pid, StartTime: st}
	if len(parts) == 4 {
		if h.Seq, err = strconv.ParseUint(parts[3], 10, 64); err != nil || h.Seq == 0 {
			return Handle{}, fmt.Errorf("process handle %q has an invalid launch number", s)
		}
	}
	return h, nil
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

// Pending is a launch prepared but not yet let run: the first two steps
// of the handshake, so that a caller can commit the handles of many
// launches at once (one durable commit) before running them. Exactly one
// of Run and Abort must be called; until then the supervisor holds the
// launch, and if the process that prepared it dies, it records the
// launch unstarted (Attach: NotStarted) and never runs it.
type Pending struct {
	h Handle
	s *supervisor
}

// Handle is the handle to persist before Run.
func (p *Pending) Handle() Handle { return p.h }

// Run lets the command run, once its handle is committed: the supervisor
// clears the records of earlier launches in the directory and starts the
// command. On an error the command never runs.
func (p *Pending) Run() error {
	if err := p.s.send(opGo, p.h.Seq); err != nil {
		return fmt.Errorf("launch: cannot let the command run: %w", err)
	}
	return nil
}

// Abort makes the supervisor drop the launch without running the command
// (its handle was not committed); it writes the unstarted record.
func (p *Pending) Abort() { p.s.send(opAbort, p.h.Seq) }

// Fork prepares spec's launch with this process's supervisor, which
// holds it until Run (steps 1 and 2 of the handshake in the package
// documentation). It starts the supervisor at the first launch, or when
// the last one died.
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
	for attempt := 0; ; attempt++ {
		s, err := theSupervisor()
		if err != nil {
			return nil, err
		}
		seq, err := s.prepare(spec)
		if errors.Is(err, errSupervisorGone) && attempt == 0 {
			continue // it died since the last launch: start another
		}
		if err != nil {
			return nil, fmt.Errorf("launch: %w", err)
		}
		return &Pending{h: Handle{Pid: s.pid, StartTime: s.start, Seq: seq}, s: s}, nil
	}
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
