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
	// Running: the process that waits for the command (the supervisor, or
	// a wrapper) is alive and has not recorded its end.
	Running State = iota + 1
	// Exited: the command ended; Status.ExitCode holds its status.
	Exited
	// NotStarted: the command never ran: the launching process aborted
	// the launch or died during the handshake. Launch again.
	NotStarted
	// Lost: no live process and no exit record. The supervisor (or wrapper)
	// was killed with SIGKILL or the machine rebooted; the command's outcome
	// is unknown.
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

// Attach finds out what became of the launch h in dir.
func Attach(dir string, h Handle) (Status, error) {
	for second := false; ; second = true {
		if r, err := readRecord(dir, h); r.ended() || err != nil {
			return r.status, err
		}
		if _, err := os.Stat(filepath.Join(dir, unstartedPrefix+h.ident())); err == nil {
			return Status{State: NotStarted}, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return Status{}, fmt.Errorf("launch: %w", err)
		}
		if second {
			return Status{State: Lost}, nil
		}
		if processAlive(h) {
			return Status{State: Running}, nil
		}
		// The waiting process may have written its record and exited since
		// the first read: read once more.
	}
}

// Alive reports whether the launch h in dir may still be running: Attach
// finds it Running (no record of its end, and the process that waits for
// the command alive: running, not a zombie, started at h.StartTime).
func Alive(dir string, h Handle) bool {
	st, err := Attach(dir, h)
	return err == nil && st.State == Running
}

// processAlive reports whether the process h names, the wrapper or the
// supervisor, is alive.
func processAlive(h Handle) bool {
	st, err := readStat(h.Pid)
	return err == nil && st.state != 'Z' && st.state != 'X' && st.start == h.StartTime
}

// record is what the exit record in a directory says of one launch.
type record struct {
	status Status // Exited or NotStarted once ended; zero before
	pid    int    // the command's pid (a supervisor's launch), 0 when unknown
}

func (r record) ended() bool { return r.status.State != 0 }

// readRecord reads dir's exit record for the launch h. A record of another
// launch reads as nothing; so does a wrapper's record without its final
// newline (being written). A supervisor's record without the newline is its
// start record, "<ident> <pid>", and gives the command's pid.
func readRecord(dir string, h Handle) (record, error) {
	data, err := readLine(filepath.Join(dir, ExitFile))
	if errors.Is(err, os.ErrNotExist) {
		return record{}, nil
	}
	if err != nil {
		return record{}, fmt.Errorf("launch: %w", err)
	}
	r, ident, err := parseRecord(data)
	if ident != h.ident() {
		return record{}, nil // the record of another launch
	}
	if err != nil {
		return record{}, fmt.Errorf("launch: %s: %w", filepath.Join(dir, ExitFile), err)
	}
	return r, nil
}

// parseRecord reads an exit record and the ident of its launch:
// "<pid> <status>\n" or "<pid> unstarted\n" (a wrapper's; coordc before
// schema version 2 wrote the second), "<ident> <pid> <status>\n" (a
// supervisor's), or a record still being written or started, without the
// final newline.
func parseRecord(data []byte) (record, string, error) {
	line, complete := bytes.CutSuffix(data, []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return record{}, "", nil
	}
	ident := fields[0]
	supervised := strings.Contains(ident, ":")
	if !complete {
		// A start record, or an exit record written over it (its
		// status being appended).
		var r record
		if supervised && len(fields) >= 2 {
			r.pid, _ = strconv.Atoi(fields[1])
		}
		return r, ident, nil
	}
	want := 2
	if supervised {
		want = 3
	}
	if len(fields) != want {
		return record{}, ident, fmt.Errorf("exit record %q is not \"<launch> [<pid>] <status>\"", data)
	}
	var r record
	if supervised {
		pid, err := strconv.Atoi(fields[1])
		if err != nil || pid < 0 {
			return record{}, ident, fmt.Errorf("exit record %q has an invalid pid", data)
		}
		r.pid = pid
	}
	status := fields[len(fields)-1]
	if status == "unstarted" && !supervised {
		r.status = Status{State: NotStarted}
		return r, ident, nil
	}
	code, err := strconv.Atoi(status)
	if err != nil || code < 0 || code > 255 {
		return record{}, ident, fmt.Errorf("exit record %q has an invalid status", data)
	}
	r.status = Status{State: Exited, ExitCode: code}
	return r, ident, nil
}

// procStat holds the fields of /proc/<pid>/stat that launch uses.
type procStat struct {
	state byte   // field 3
	ppid  int    // field 4
	start uint64 // field 22, clock ticks after boot
}

// readStat reads /proc/<pid>/stat (readLine).
func readStat(pid int) (procStat, error) {
	data, err := readLine("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	return parseStat(data)
}

// readLine reads a small file (a record, /proc/<pid>/stat) with open,
// read and close, up to its end or up to a read that ends with a newline
// (/proc/<pid>/stat is one line, made at the read; a record is whole once
// it ends with one): os.ReadFile's fstat, descriptor flags and poller
// registration buy nothing here.
func readLine(path string) ([]byte, error) {
	fd, err := openFD(path, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, 0, 512)
	for {
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		buf = buf[:len(buf)+n]
		if n == 0 || buf[len(buf)-1] == '\n' {
			return buf, nil
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
	// fields[0] is field 3 (state), fields[1] field 4 (the parent's pid);
	// field 22 is fields[19].
	if len(fields) < 20 || len(fields[0]) != 1 {
		return procStat{}, fmt.Errorf("malformed /proc stat line %q", data)
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return procStat{}, fmt.Errorf("malformed parent pid in /proc stat line %q", data)
	}
	start, err := strconv.ParseUint(fields[19], 10, 64)
	if err != nil {
		return procStat{}, fmt.Errorf("malformed start time in /proc stat line %q", data)
	}
	return procStat{state: fields[0][0], ppid: ppid, start: start}, nil
}
