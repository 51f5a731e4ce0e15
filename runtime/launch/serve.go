package launch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// supervisorArgs is the argv a process re-executed as the supervisor
// gets: a name no user runs, and the version of the frame protocol. The
// launcher re-executes its own executable, so both sides speak the same
// version; the number keeps a later protocol from ever reaching this one.
var supervisorArgs = []string{"coordc-launch-supervisor", "1"}

// init turns the process into the supervisor when it was re-executed as
// one (see the package documentation): every binary that links this
// package, coordc or a test, can serve its own launches.
func init() {
	if len(os.Args) == len(supervisorArgs) && os.Args[0] == supervisorArgs[0] && os.Args[1] == supervisorArgs[1] {
		os.Exit(serve())
	}
}

// defaultPath is the search path for a command whose environment has no
// PATH, dash's default.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// retryInterval is how often a record that could not be written (a full
// disk) is tried again.
const retryInterval = time.Second

// server is the supervisor's state: the launches prepared but not yet let
// run, and the commands running, by pid.
type server struct {
	prefix  string   // "<pid>:<start time>:", the start of every launch's ident
	null    int      // /dev/null, the commands' stdin
	replies *os.File // file descriptor 3: frames to the launcher

	replyMu sync.Mutex
	buf     []byte

	mu      sync.Mutex
	cond    *sync.Cond // signalled when running grows or closed is set
	pending map[uint64]message
	running map[int]*child
	closed  bool // the launcher's requests ended

	retries sync.WaitGroup // records being retried
}

// child is the launch of a command the supervisor started.
type child struct {
	seq uint64
	dir string
	// start is the start record written for it, "" when it could not be.
	start string
}

// serve runs the supervisor: it reads the launcher's frames from stdin
// until they end, then waits for every command it started, and returns
// the process's exit status.
func serve() int {
	// The request and reply pipes are the supervisor's own: no command
	// inherits them (a command holding the reply pipe would hide the
	// supervisor's death from the launcher).
	syscall.CloseOnExec(0)
	syscall.CloseOnExec(3)
	st, err := readStat(os.Getpid())
	if err != nil {
		return 1
	}
	null, err := syscall.Open(os.DevNull, syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		return 1
	}
	s := &server{
		prefix:  fmt.Sprintf("%d:%d:", os.Getpid(), st.start),
		null:    null,
		replies: os.NewFile(3, "replies"),
		pending: map[uint64]message{},
		running: map[int]*child{},
	}
	s.cond = sync.NewCond(&s.mu)
	reaped := make(chan struct{})
	go func() {
		s.reap()
		close(reaped)
	}()
	in := bufio.NewReaderSize(os.Stdin, 64<<10)
	for {
		m, err := readMessage(in)
		if err != nil {
			break // the launcher is gone (or broken): nothing more will come
		}
		s.handle(m)
	}
	s.mu.Lock()
	s.closed = true
	pending := s.pending
	s.pending = nil
	s.cond.Broadcast()
	s.mu.Unlock()
	for _, m := range pending {
		s.unstarted(m)
	}
	<-reaped
	s.retries.Wait()
	return 0
}

// ident is the name of launch seq in its records.
func (s *server) ident(seq uint64) string { return s.prefix + strconv.FormatUint(seq, 10) }

// handle carries out one frame of the launcher.
func (s *server) handle(m message) {
	switch m.op {
	case opPrepare:
		s.mu.Lock()
		s.pending[m.seq] = m
		s.mu.Unlock()
	case opGo, opAbort:
		s.mu.Lock()
		p, ok := s.pending[m.seq]
		delete(s.pending, m.seq)
		s.mu.Unlock()
		switch {
		case !ok:
		case m.op == opGo:
			s.start(p)
		default:
			s.unstarted(p)
			s.reply(p.seq)
		}
	}
}

// start runs the prepared launch p: it clears the records of earlier
// launches, opens the output files and starts the command in a session
// of its own. A command that cannot start gets its exit record at once,
// with 127 when it is not found and 126 otherwise, as shells report it,
// and the reason on its standard error.
func (s *server) start(p message) {
	clearUnstarted(p.dir)
	stdout, stderr, err := openOutputs(p.dir)
	if err != nil {
		s.ended(p.dir, p.seq, 0, 126, "")
		return
	}
	defer syscall.Close(stdout)
	defer syscall.Close(stderr)
	if err := s.fork(p, stdout, stderr); err != nil {
		code := 126
		if errors.Is(err, syscall.ENOENT) || errors.Is(err, errNotFound) {
			code = 127
		}
		if _, serr := os.Stat(p.workDir); serr != nil {
			err, code = fmt.Errorf("working directory: %w", serr), 126
		}
		writeFull(stderr, fmt.Sprintf("coordc: cannot run %s: %v\n", p.args[0], err))
		s.ended(p.dir, p.seq, 0, code, "")
	}
}

// fork starts p's command with its output to stdout and stderr, writes
// its start record and hands it to the reaper.
func (s *server) fork(p message, stdout, stderr int) error {
	path, err := lookPath(p.args[0], p.workDir, p.env)
	if err != nil {
		return err
	}
	attr := &syscall.ProcAttr{
		Dir:   p.workDir,
		Env:   p.env,
		Files: []uintptr{uintptr(s.null), uintptr(stdout), uintptr(stderr)},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	}
	// Under the lock until the command is registered: the reaper takes it
	// before it looks a reaped pid up and writes the end record over the
	// start record.
	s.mu.Lock()
	defer s.mu.Unlock()
	pid, err := syscall.ForkExec(path, p.args, attr)
	if err == syscall.ENOEXEC {
		// Neither a binary nor a "#!" script: a shell script, as Java's
		// ProcessBuilder runs it.
		pid, err = syscall.ForkExec("/bin/sh", append([]string{"/bin/sh", path}, p.args[1:]...), attr)
	}
	if err != nil {
		return err
	}
	start := fmt.Sprintf("%s %d", s.ident(p.seq), pid)
	if s.writeStart(p.dir, start) != nil {
		start = ""
	}
	s.running[pid] = &child{seq: p.seq, dir: p.dir, start: start}
	s.cond.Signal()
	return nil
}

// unstarted writes the record of the prepared launch p that never runs.
func (s *server) unstarted(p message) {
	s.writeRecord(p.dir, unstartedPrefix+s.ident(p.seq), s.ident(p.seq)+" unstarted\n")
}

// ended writes the exit record of launch seq, whose command (pid, or 0
// when it did not start) ended with status code, and tells the launcher.
// start is the command's start record ("" when it has none): the exit
// record extends it when the file still holds it (extendRecord).
func (s *server) ended(dir string, seq uint64, pid, code int, start string) {
	rec := fmt.Sprintf("%s %d %d\n", s.ident(seq), pid, code)
	if start == "" || s.extendRecord(filepath.Join(dir, ExitFile), start, rec) != nil {
		s.writeRecord(dir, ExitFile, rec)
	}
	s.reply(seq)
}

// reap waits for the commands and writes their exit records, until the
// launcher's requests have ended and no command is left.
func (s *server) reap() {
	for {
		s.mu.Lock()
		for len(s.running) == 0 && !s.closed {
			s.cond.Wait()
		}
		if len(s.running) == 0 {
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, 0, nil)
		if err != nil {
			if err != syscall.EINTR {
				time.Sleep(10 * time.Millisecond) // cannot happen while a child runs
			}
			continue
		}
		s.mu.Lock()
		c := s.running[pid]
		delete(s.running, pid)
		s.mu.Unlock()
		if c == nil {
			continue // a child of a failed ForkExec
		}
		s.ended(c.dir, c.seq, pid, exitCode(ws), c.start)
	}
}

// exitCode is a wait status as shells report it: the exit status, or 128
// plus the number of the signal that ended the command.
func exitCode(ws syscall.WaitStatus) int {
	if ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ws.ExitStatus()
}

// reply tells the launcher that launch seq has its record.
func (s *server) reply(seq uint64) {
	s.replyMu.Lock()
	defer s.replyMu.Unlock()
	s.buf = appendMessage(s.buf[:0], message{op: opEnded, seq: seq})
	s.replies.Write(s.buf) // the launcher may be gone: the records are the truth
}

// writeStart writes the start record "<ident> <pid>", without the final
// newline of a finished record, over the exit record of an earlier
// launch (whose handle is no longer the committed one). Kill reads the
// command's pid from it; if it cannot be written, the end record is
// still written.
func (s *server) writeStart(dir, rec string) error {
	return writeFile(filepath.Join(dir, ExitFile), rec)
}

// extendRecord writes the exit record rec of a command whose start record
// start (which rec begins with) is path's whole content: it appends the
// rest of rec instead of writing rec over a truncated file, which ext4
// (auto_da_alloc) answers with a write-back of the file as it is closed,
// one disk write per launch. A reader sees the start record, then the
// exit record, possibly without its final newline for a moment (read as
// not ended yet). It writes nothing, and fails, when path holds anything
// else; the check and the append are made under s.mu, as start records
// are written.
func (s *server) extendRecord(path, start, rec string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fd, err := openFD(path, syscall.O_RDWR|syscall.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	buf := make([]byte, len(start)+1)
	n, err := preadFull(fd, buf)
	if err != nil {
		return err
	}
	if string(buf[:n]) != start {
		return errors.New("launch: the start record was replaced")
	}
	return writeFull(fd, rec[len(start):])
}

// writeRecord writes rec to the file name in dir, replacing its content.
// A write that fails (a full disk) is retried every second in the
// background while the supervisor stays alive, so the launch reads as
// running, never as lost.
func (s *server) writeRecord(dir, name, rec string) {
	if writeFile(filepath.Join(dir, name), rec) == nil {
		return
	}
	s.retries.Go(func() {
		for writeFile(filepath.Join(dir, name), rec) != nil {
			time.Sleep(retryInterval)
		}
	})
}

// The supervisor's files are opened, written and closed with plain system
// calls rather than os.File: each os.File of a regular file costs four
// fcntl and a failed epoll registration, per file and per launch.

// writeFile writes data to path, replacing its content.
func writeFile(path, data string) error {
	fd, err := openWrite(path)
	if err != nil {
		return err
	}
	err = writeFull(fd, data)
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	return err
}

// openWrite opens path for writing, created (mode 0600) or truncated.
func openWrite(path string) (int, error) {
	return openFD(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o600)
}

// openFD is open(2) of path with flags and O_CLOEXEC, tried again when a
// signal interrupts it.
func openFD(path string, flags int, mode uint32) (int, error) {
	for {
		fd, err := syscall.Open(path, flags|syscall.O_CLOEXEC, mode)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// preadFull reads from the start of fd into buf until buf is full or the
// file ends, and returns how much it read.
func preadFull(fd int, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := syscall.Pread(fd, buf[n:], int64(n))
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return n, err
		case m == 0:
			return n, nil
		}
		n += m
	}
	return n, nil
}

// writeFull writes all of data to fd.
func writeFull(fd int, data string) error {
	b := []byte(data)
	for len(b) > 0 {
		n, err := syscall.Write(fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return err
		case n == 0:
			return io.ErrShortWrite
		}
		b = b[n:]
	}
	return nil
}

// openOutputs opens the command's stdout and stderr files in dir.
func openOutputs(dir string) (stdout, stderr int, err error) {
	if stdout, err = openOutput(filepath.Join(dir, StdoutFile)); err != nil {
		return -1, -1, err
	}
	if stderr, err = openOutput(filepath.Join(dir, StderrFile)); err != nil {
		syscall.Close(stdout)
		return -1, -1, err
	}
	return stdout, stderr, nil
}

// openOutput opens an output file for a command, truncated, and readable
// by the owner only even when an earlier launch or someone else made it.
func openOutput(path string) (int, error) {
	fd, err := openWrite(path)
	if err != nil {
		return -1, err
	}
	if err := syscall.Fchmod(fd, 0o600); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	return fd, nil
}

// clearUnstarted removes the unstarted records of earlier launches in dir
// (those launches are over); like filepath.Glob, it ignores a directory it
// cannot read.
func clearUnstarted(dir string) {
	fd, err := openFD(dir, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return
	}
	var names []string
	buf := make([]byte, 8<<10)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			break
		}
		_, _, names = syscall.ParseDirent(buf[:n], -1, names)
	}
	syscall.Close(fd)
	for _, n := range names {
		if strings.HasPrefix(n, unstartedPrefix) {
			syscall.Unlink(filepath.Join(dir, n))
		}
	}
}

// errNotFound is a command name found in no directory of PATH.
var errNotFound = errors.New("not found in PATH")

// lookPath finds the executable a shell runs for name: name itself when it
// has a slash, else the first executable regular file name in the
// directories of env's PATH (an empty entry is the working directory).
// A file found but not executable makes the error permission denied
// (126), as in a shell.
func lookPath(name, workDir string, env []string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	path := defaultPath
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	var denied error
	for dir := range strings.SplitSeq(path, ":") {
		if dir == "" {
			dir = "."
		}
		cand := dir + "/" + name
		stat := cand
		if !filepath.IsAbs(cand) {
			stat = filepath.Join(workDir, cand)
		}
		fi, err := os.Stat(stat)
		if err != nil {
			continue
		}
		if fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return cand, nil
		}
		if denied == nil {
			denied = syscall.EACCES
		}
	}
	if denied != nil {
		return "", denied
	}
	return "", errNotFound
}
