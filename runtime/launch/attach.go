package launch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// State is what Attach finds out about a launched process.
type State int

// Process states.
const (
	// Running: the wrapper is alive (the command runs or is finishing).
	Running State = iota + 1
	// Exited: the command ended; Status.ExitCode holds its status.
	Exited
	// NotStarted: the wrapper gave up before running the command because
	// the launching process died during the handshake. Launch again.
	NotStarted
	// Lost: no live process and no exit record. The wrapper was killed with
	// SIGKILL or the machine rebooted; the command's outcome is unknown.
	Lost
)

// String returns the state's name.
func (s State) String() string {
	switch s {
	case Running:
		return "running"
	case Exited:
		return "exited"
	case NotStarted:
		return "not started"
	case Lost:
		return "lost"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Status is the result of Attach.
type Status struct {
	State State
	// ExitCode is the command's exit status when State is Exited: 0–255,
	// 128+n for a command ended by signal n, 127 for a command not found.
	ExitCode int
}

// Attach finds out what became of the process h launched in dir.
func Attach(dir string, h Handle) (Status, error) {
	if st, ok, err := readExit(dir, h.Pid); ok || err != nil {
		return st, err
	}
	if Alive(h) {
		return Status{State: Running}, nil
	}
	// The wrapper may have written its record and exited since the first read.
	if st, ok, err := readExit(dir, h.Pid); ok || err != nil {
		return st, err
	}
	if _, err := os.Stat(filepath.Join(dir, unstartedPrefix+strconv.Itoa(h.Pid))); err == nil {
		return Status{State: NotStarted}, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return Status{}, fmt.Errorf("launch: %w", err)
	}
	return Status{State: Lost}, nil
}

// readExit reads dir's exit record; ok is false when there is none for pid.
func readExit(dir string, pid int) (Status, bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, ExitFile))
	if errors.Is(err, os.ErrNotExist) {
		return Status{}, false, nil
	}
	if err != nil {
		return Status{}, false, fmt.Errorf("launch: %w", err)
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		return Status{}, false, nil // still being written (or never finished: see Attach)
	}
	recPid, st, err := parseExit(data)
	if err != nil {
		return Status{}, false, fmt.Errorf("launch: %s: %w", filepath.Join(dir, ExitFile), err)
	}
	if recPid != pid {
		return Status{}, false, nil // the record of another launch
	}
	return st, true, nil
}

// parseExit reads an exit record: "<pid> <status>\n", or "<pid> unstarted\n"
// (what the wrapper of coordc before schema version 2 wrote to exit).
func parseExit(data []byte) (int, Status, error) {
	line, ok := bytes.CutSuffix(data, []byte("\n"))
	fields := strings.Fields(string(line))
	if !ok || len(fields) != 2 {
		return 0, Status{}, fmt.Errorf("exit record %q is not \"<pid> <status>\"", data)
	}
	pid, err := strconv.Atoi(fields[0])
	if err != nil || pid <= 0 {
		return 0, Status{}, fmt.Errorf("exit record %q has an invalid pid", data)
	}
	if fields[1] == "unstarted" {
		return pid, Status{State: NotStarted}, nil
	}
	code, err := strconv.Atoi(fields[1])
	if err != nil || code < 0 || code > 255 {
		return 0, Status{}, fmt.Errorf("exit record %q has an invalid status", data)
	}
	return pid, Status{State: Exited, ExitCode: code}, nil
}

// Alive reports whether the process h is running: its pid exists, is not a
// zombie, and started at h.StartTime.
func Alive(h Handle) bool {
	st, err := readStat(h.Pid)
	return err == nil && st.state != 'Z' && st.state != 'X' && st.start == h.StartTime
}

// procStat holds the fields of /proc/<pid>/stat that launch uses.
type procStat struct {
	state byte   // field 3
	start uint64 // field 22, clock ticks after boot
}

// readStat reads /proc/<pid>/stat with open, read and close: the file is
// one line of about 300 bytes, made at the read and whole once it ends
// with a newline, so os.ReadFile's fstat, poller registration and read
// to the end buy nothing.
func readStat(pid int) (procStat, error) {
	path := "/proc/" + strconv.Itoa(pid) + "/stat"
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return procStat{}, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, 0, 1024)
	for {
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return procStat{}, &os.PathError{Op: "read", Path: path, Err: err}
		}
		buf = buf[:len(buf)+n]
		if n == 0 || buf[len(buf)-1] == '\n' {
			return parseStat(buf)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
	}
}

// parseStat reads /proc/<pid>/stat. The command name (field 2) is in
// parentheses and may itself hold spaces and parentheses, so fields are
// counted after its last ")".
func parseStat(data []byte) (procStat, error) {
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("malformed /proc stat line %q", data)
	}
	fields := strings.Fields(string(data[i+1:]))
	// fields[0] is field 3 (state); field 22 is fields[19].
	if len(fields) < 20 || len(fields[0]) != 1 {
		return procStat{}, fmt.Errorf("malformed /proc stat line %q", data)
	}
	start, err := strconv.ParseUint(fields[19], 10, 64)
	if err != nil {
		return procStat{}, fmt.Errorf("malformed start time in /proc stat line %q", data)
	}
	return procStat{state: fields[0][0], start: start}, nil
}
