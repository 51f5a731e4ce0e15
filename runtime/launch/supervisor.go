package launch

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// supervisor is the launcher's side of a supervisor process: the pipe its
// frames go to, and the Spec.Exited hints of launches not yet ended.
type supervisor struct {
	pid   int
	start uint64 // the supervisor's start time, part of every handle

	mu    sync.Mutex
	req   *os.File // frames to the supervisor (its stdin)
	next  uint64   // the last launch number given
	ended map[uint64]func()
	dead  bool
	buf   []byte
}

var (
	currentMu sync.Mutex
	current   *supervisor // the supervisor of this process's launches
)

// theSupervisor returns this process's supervisor, starting one when there
// is none or the last one died.
func theSupervisor() (*supervisor, error) {
	currentMu.Lock()
	defer currentMu.Unlock()
	if current != nil && !current.isDead() {
		return current, nil
	}
	s, err := startSupervisor()
	if err != nil {
		return nil, err
	}
	current = s
	return s, nil
}

// startSupervisor re-executes this binary as a supervisor (see init), in
// a session of its own so that signals meant for the launcher's terminal
// or process group do not reach it.
func startSupervisor() (*supervisor, error) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	defer null.Close() // the supervisor's stdout and stderr
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("launch: %w", err)
	}
	proc, err := os.StartProcess("/proc/self/exe", supervisorArgs, &os.ProcAttr{
		Dir:   "/",
		Env:   os.Environ(),
		Files: []*os.File{reqR, null, null, repW},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	reqR.Close()
	repW.Close()
	if err != nil {
		reqW.Close()
		repR.Close()
		return nil, fmt.Errorf("launch: cannot start the supervisor: %w", err)
	}
	go proc.Wait() // reaps it should it end before this process
	st, err := readStat(proc.Pid)
	if err != nil {
		reqW.Close() // it exits on the end of its requests
		repR.Close()
		return nil, fmt.Errorf("launch: %w", err)
	}
	s := &supervisor{pid: proc.Pid, start: st.start, req: reqW, ended: map[uint64]func(){}}
	go s.readReplies(repR)
	return s, nil
}

// readReplies calls the Exited hint of each launch the supervisor reports
// ended. When the supervisor dies, every hint left is called, so that the
// callers look at their launches (and find them lost).
func (s *supervisor) readReplies(r *os.File) {
	defer r.Close()
	in := bufio.NewReader(r)
	for {
		m, err := readMessage(in)
		if err != nil || m.op != opEnded {
			break
		}
		s.mu.Lock()
		f := s.ended[m.seq]
		delete(s.ended, m.seq)
		s.mu.Unlock()
		if f != nil {
			f()
		}
	}
	s.mu.Lock()
	s.dead = true
	s.req.Close()
	left := s.ended
	s.ended = nil
	s.mu.Unlock()
	for _, f := range left {
		f()
	}
}

func (s *supervisor) isDead() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dead
}

// prepare sends spec to the supervisor as a new launch and returns its
// number. Once prepare returns, the launch runs on go, or is recorded
// unstarted on abort or when this process dies.
func (s *supervisor) prepare(spec Spec) (uint64, error) {
	// The supervisor works from /: its paths are absolute.
	dir, err := filepath.Abs(spec.Dir)
	if err != nil {
		return 0, err
	}
	workDir := dir
	if spec.WorkDir != "" {
		if workDir, err = filepath.Abs(spec.WorkDir); err != nil {
			return 0, err
		}
	}
	env := mergeEnv(os.Environ(), append(spec.Env[:len(spec.Env):len(spec.Env)], "PWD="+workDir))
	m := message{op: opPrepare, dir: dir, workDir: workDir, args: spec.Args, env: env}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dead {
		return 0, errSupervisorGone
	}
	s.next++
	m.seq = s.next
	if err := s.write(m); err != nil {
		return 0, err
	}
	if spec.Exited != nil {
		s.ended[m.seq] = spec.Exited
	}
	return m.seq, nil
}

// send sends a go or abort frame for launch seq.
func (s *supervisor) send(o op, seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dead {
		return errSupervisorGone
	}
	return s.write(message{op: o, seq: seq})
}

// write writes m's frame; s.mu is held. A failed write means the
// supervisor is gone.
func (s *supervisor) write(m message) error {
	s.buf = appendMessage(s.buf[:0], m)
	if _, err := s.req.Write(s.buf); err != nil {
		s.dead = true
		return fmt.Errorf("%w: %v", errSupervisorGone, err)
	}
	return nil
}

// errSupervisorGone is a supervisor that died.
var errSupervisorGone = errors.New("launch: the supervisor process is gone")

// mergeEnv is base with the entries of extra added, a later entry of a
// name replacing an earlier one in its place.
func mergeEnv(base, extra []string) []string {
	env := make([]string, 0, len(base)+len(extra))
	index := make(map[string]int, len(base)+len(extra))
	for _, kv := range append(base[:len(base):len(base)], extra...) {
		name, _, _ := strings.Cut(kv, "=")
		if i, ok := index[name]; ok {
			env[i] = kv
			continue
		}
		index[name] = len(env)
		env = append(env, kv)
	}
	return env
}
