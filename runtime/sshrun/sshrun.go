// Package sshrun runs the ssh action's commands on remote hosts, with
// golang.org/x/crypto/ssh: public-key authentication only, and every host
// key checked against known_hosts files (golang.org/x/crypto/ssh/knownhosts;
// an unknown or changed key is an error, never accepted on first use).
//
// # Remote protocol
//
// A command runs detached on the remote host, as Oozie's ssh action runs it
// "in background", so that it survives coordc and the connection: each run
// has a directory ~/.coordc-ssh/<run> there (Config.RemoteDir), named by the caller after the
// action and its attempt. Start sends a fixed POSIX sh script, with the
// run directory, the command and its arguments as the script's positional
// parameters, each single-quoted for the remote shell — no value is ever
// spliced into shell code. The script claims the run with an atomic mkdir
// of <run>/claim (so a second Start, after a crash or from another coordc,
// never runs the command again), starts it in its own session with stdout
// and stderr in <run>/stdout and <run>/stderr and the home directory as
// working directory, and the wrapper writes the exit status to <run>/exit
// (through a rename) when the command ends. Its pid is in <run>/pid.
// Status reads those files back: Exited with the status, Running while the
// pid lives, NotStarted when nothing claimed the run, Lost otherwise (the
// remote host rebooted, or the process was killed from outside).
// Run directories are left on the remote host, like Oozie's.
package sshrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Config is how coordc authenticates to remote hosts and checks them.
type Config struct {
	// KnownHosts are OpenSSH known_hosts files; a host key must be in one
	// of them.
	KnownHosts []string
	// IdentityFiles are unencrypted private keys (OpenSSH or PEM), tried in
	// order.
	IdentityFiles []string
	// DefaultUser is the remote user when the target names none.
	DefaultUser string
	// Port is the default port (22 when zero).
	Port int
	// Timeout bounds connecting and each exchange (30s when zero).
	Timeout time.Duration
	// RemoteDir holds the run directories on remote hosts: relative to
	// the remote user's home directory unless absolute (DefaultRemoteDir
	// when empty).
	RemoteDir string
}

// DefaultRemoteDir is the remote directory of run directories, in the
// remote user's home.
const DefaultRemoteDir = ".coordc-ssh"

// Client connects to remote hosts with a Config.
type Client struct {
	cfg     Config
	signers []ssh.Signer
	hostKey ssh.HostKeyCallback
}

// New reads the keys and known_hosts files of cfg.
func New(cfg Config) (*Client, error) {
	if len(cfg.KnownHosts) == 0 {
		return nil, errors.New("ssh: no known_hosts file: host keys are always checked")
	}
	if cfg.Port == 0 {
		cfg.Port = 22
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.RemoteDir == "" {
		cfg.RemoteDir = DefaultRemoteDir
	}
	hk, err := knownhosts.New(cfg.KnownHosts...)
	if err != nil {
		return nil, fmt.Errorf("ssh: known_hosts: %w", err)
	}
	c := &Client{cfg: cfg, hostKey: hk}
	for _, f := range cfg.IdentityFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("ssh: identity file: %w", err)
		}
		s, err := ssh.ParsePrivateKey(data)
		if err != nil {
			return nil, fmt.Errorf("ssh: identity file %s: %w (keys with a passphrase are not supported; use an agent-less deploy key)", f, err)
		}
		c.signers = append(c.signers, s)
	}
	if len(c.signers) == 0 {
		return nil, errors.New("ssh: no identity file: coordc authenticates with keys only")
	}
	return c, nil
}

// DefaultFiles are the usual OpenSSH files of the home directory: the
// known_hosts file and the identity files that exist.
func DefaultFiles() (knownHosts []string, identities []string) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, nil
	}
	knownHosts = []string{filepath.Join(home, ".ssh", "known_hosts")}
	for _, n := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
		if p := filepath.Join(home, ".ssh", n); exists(p) {
			identities = append(identities, p)
		}
	}
	return knownHosts, identities
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// Target is a remote account: [user@]host[:port].
type Target struct {
	User, Host string
	Port       int
}

// String is user@host:port.
func (t Target) String() string {
	return t.User + "@" + net.JoinHostPort(t.Host, strconv.Itoa(t.Port))
}

// ParseTarget reads [user@]host[:port] (an IPv6 host in brackets) with the
// Config's defaults.
func (c *Client) ParseTarget(s string) (Target, error) {
	t := Target{User: c.cfg.DefaultUser, Port: c.cfg.Port}
	s = strings.TrimSpace(s)
	if u, rest, ok := strings.Cut(s, "@"); ok {
		t.User, s = u, rest
	}
	t.Host = s
	if h, p, err := net.SplitHostPort(s); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return t, fmt.Errorf("ssh host %q: invalid port", s)
		}
		t.Host, t.Port = h, n
	}
	t.Host = strings.Trim(t.Host, "[]")
	if t.Host == "" || t.User == "" || strings.ContainsAny(t.Host+t.User, " \t\n/") {
		return t, fmt.Errorf("ssh host %q is not [user@]host[:port]", s)
	}
	return t, nil
}

// RunDir is where run's files are on the remote host (relative to the
// remote user's home directory unless absolute).
func (c *Client) RunDir(run string) string { return c.cfg.RemoteDir + "/" + run }

// ErrNotConnected marks errors that happened before any command was sent:
// the connection, the host key check or the authentication failed.
var ErrNotConnected = errors.New("not connected")

// Quote quotes s as one word for a POSIX shell.
func Quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// run executes the fixed script on t with args as its positional
// parameters, and returns its stdout.
func (c *Client) run(ctx context.Context, t Target, script string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	addr := net.JoinHostPort(t.Host, strconv.Itoa(t.Port))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", fmt.Errorf("ssh %s: %w: %w", t, ErrNotConnected, err)
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		conn.SetDeadline(d)
	}
	sc, chans, reqs, err := ssh.NewClientConn(conn, addr, &ssh.ClientConfig{
		User: t.User, Auth: []ssh.AuthMethod{ssh.PublicKeys(c.signers...)}, HostKeyCallback: c.hostKey, Timeout: c.cfg.Timeout,
	})
	if err != nil {
		return "", fmt.Errorf("ssh %s: %w: %w", t, ErrNotConnected, err)
	}
	client := ssh.NewClient(sc, chans, reqs)
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return "", fmt.Errorf("ssh %s: %w", t, err)
	}
	defer sess.Close()
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	words := []string{"sh", "-c", Quote(script), "coordc-ssh"}
	for _, a := range args {
		words = append(words, Quote(a))
	}
	if err := sess.Run(strings.Join(words, " ")); err != nil {
		return stdout.String(), fmt.Errorf("ssh %s: %w: %s", t, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// The scripts take the base directory (relative to the home directory
// unless absolute) and the run name as $1 and $2.

// startScript claims the run directory and starts the rest of its
// arguments detached, then waits up to 10s for the pid record.
const startScript = `umask 077
b=$1; case "$b" in /*) ;; *) b="$HOME/$b" ;; esac; d="$b/$2"; shift 2
mkdir -p "$d" || exit 1
if mkdir "$d/claim" 2>/dev/null; then
  s=; command -v setsid >/dev/null 2>&1 && s=setsid
  $s sh -c 'd=$1; shift; echo $$ >"$d/pid.tmp"; mv "$d/pid.tmp" "$d/pid"; cd "$HOME"; "$@" >"$d/stdout" 2>"$d/stderr" </dev/null; echo $? >"$d/exit.tmp"; mv "$d/exit.tmp" "$d/exit"' coordc-ssh-run "$d" "$@" </dev/null >/dev/null 2>&1 &
fi
i=0
while [ ! -e "$d/pid" ] && [ ! -e "$d/exit" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
if [ -e "$d/pid" ] || [ -e "$d/exit" ]; then echo started; else echo lost; fi
`

// statusScript reports the run (a zombie, which an init that does not
// reap leaves, counts as ended): "exit N", "running", "unstarted" or
// "lost".
const statusScript = `alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]
}
b=$1; case "$b" in /*) ;; *) b="$HOME/$b" ;; esac; d="$b/$2"; shift 2
if [ -e "$d/exit" ]; then echo "exit $(cat "$d/exit")"
elif [ ! -e "$d/claim" ]; then echo unstarted
elif [ -e "$d/pid" ] && alive "$(cat "$d/pid")"; then echo running
elif [ -e "$d/exit" ]; then echo "exit $(cat "$d/exit")"
else echo lost; fi
`

// outputScript prints at most $3 bytes of the run's stdout.
const outputScript = `b=$1; case "$b" in /*) ;; *) b="$HOME/$b" ;; esac; d="$b/$2"; shift 2
head -c "$1" "$d/stdout"`

// killScript stops the run's process group (its session), then the
// process itself.
const killScript = `b=$1; case "$b" in /*) ;; *) b="$HOME/$b" ;; esac; d="$b/$2"; shift 2
[ -e "$d/pid" ] && [ ! -e "$d/exit" ] || exit 0
p=$(cat "$d/pid")
kill -TERM "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null
sleep 1
kill -KILL "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null
exit 0
`

// State is what Status found.
type State int

const (
	// NotStarted: no Start claimed the run.
	NotStarted State = iota
	// Running: the command runs.
	Running
	// Exited: the command ended; Status gives its exit status.
	Exited
	// Lost: claimed, but neither running nor ended with a status.
	Lost
)

// Start starts argv in the run directory run on t, once: a Start of a run
// already claimed starts nothing. It returns Lost when the claim was made
// but the command did not come up.
func (c *Client) Start(ctx context.Context, t Target, run string, argv []string) (State, error) {
	if err := checkRun(run); err != nil {
		return Lost, err
	}
	out, err := c.run(ctx, t, startScript, append([]string{c.cfg.RemoteDir, run}, argv...)...)
	if err != nil {
		return Lost, err
	}
	if strings.TrimSpace(out) == "started" {
		return Running, nil
	}
	return Lost, nil
}

// Status reports the run; the exit status when Exited.
func (c *Client) Status(ctx context.Context, t Target, run string) (State, int, error) {
	if err := checkRun(run); err != nil {
		return Lost, 0, err
	}
	out, err := c.run(ctx, t, statusScript, c.cfg.RemoteDir, run)
	if err != nil {
		return Lost, 0, err
	}
	out = strings.TrimSpace(out)
	switch {
	case out == "running":
		return Running, 0, nil
	case out == "unstarted":
		return NotStarted, 0, nil
	case strings.HasPrefix(out, "exit "):
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(out, "exit ")))
		if err != nil {
			return Lost, 0, fmt.Errorf("ssh %s: unreadable exit record %q", t, out)
		}
		return Exited, n, nil
	}
	return Lost, 0, nil
}

// Output returns at most max bytes of the run's stdout.
func (c *Client) Output(ctx context.Context, t Target, run string, max int) ([]byte, error) {
	if err := checkRun(run); err != nil {
		return nil, err
	}
	out, err := c.run(ctx, t, outputScript, c.cfg.RemoteDir, run, strconv.Itoa(max))
	return []byte(out), err
}

// Kill stops the run's command (SIGTERM to its session, SIGKILL a second
// later).
func (c *Client) Kill(ctx context.Context, t Target, run string) error {
	if err := checkRun(run); err != nil {
		return err
	}
	_, err := c.run(ctx, t, killScript, c.cfg.RemoteDir, run)
	return err
}

// checkRun refuses run names that are not one plain path element.
func checkRun(run string) error {
	if run == "" || run == "." || run == ".." || strings.ContainsAny(run, "/\x00") {
		return fmt.Errorf("ssh: invalid run name %q", run)
	}
	return nil
}
