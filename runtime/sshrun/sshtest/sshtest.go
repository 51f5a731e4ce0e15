// Package sshtest starts a real OpenSSH server (Debian's openssh-server,
// /usr/sbin/sshd) for tests of the ssh action: on a loopback port, with a
// throwaway host key and user key, a generated sshd_config, for the
// current user. Without sshd a test is skipped, or fails when
// COORDC_REQUIRE_SHARED is set (CI installs openssh-server).
package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/coordc/coordc/compiler/corpus"
)

// Sshd is the path of the OpenSSH server.
const Sshd = "/usr/sbin/sshd"

// Server is a running sshd.
type Server struct {
	Host string
	Port int
	User string
	// KnownHosts is a known_hosts file holding the server's key;
	// Identity the user's private key file.
	KnownHosts, Identity string
	// Dir is a scratch directory for the test (run directories …).
	Dir string
}

// Target is user@127.0.0.1:port.
func (s *Server) Target() string {
	return s.User + "@" + net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
}

// Start starts sshd; it is stopped when tb ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	if _, err := os.Stat(Sshd); err != nil {
		if os.Getenv(corpus.RequireSharedEnv) != "" {
			tb.Fatalf("%s not found (apt-get install openssh-server)", Sshd)
		}
		tb.Skipf("skipping: %s not found; install openssh-server, or set %s=1 to make this a failure", Sshd, corpus.RequireSharedEnv)
	}
	u, err := user.Current()
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	s := &Server{Host: "127.0.0.1", User: u.Username, Dir: filepath.Join(dir, "scratch"),
		KnownHosts: filepath.Join(dir, "known_hosts"), Identity: filepath.Join(dir, "id_ed25519")}
	if err := os.Mkdir(s.Dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	hostPub := writeKey(tb, filepath.Join(dir, "host_key"))
	userPub := writeKey(tb, s.Identity)
	write(tb, filepath.Join(dir, "authorized_keys"), ssh.MarshalAuthorizedKey(userPub))
	if os.Geteuid() == 0 {
		os.MkdirAll("/run/sshd", 0o755) // sshd's privilege separation directory
	}
	for attempt := 0; ; attempt++ {
		s.Port = freePort(tb)
		conf := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s/host_key
PidFile %s/sshd.pid
AuthorizedKeysFile %s/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PrintMotd no
LogLevel ERROR
`, s.Port, dir, dir, dir)
		write(tb, filepath.Join(dir, "sshd_config"), []byte(conf))
		cmd := exec.Command(Sshd, "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
		log, _ := os.Create(filepath.Join(dir, "sshd.log"))
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); log.Close() })
		if waitPort(s.Port, 10*time.Second) {
			break
		}
		cmd.Process.Kill()
		if attempt == 2 {
			data, _ := os.ReadFile(filepath.Join(dir, "sshd.log"))
			tb.Fatalf("sshd did not come up:\n%s", data)
		}
	}
	line := "[" + s.Host + "]:" + strconv.Itoa(s.Port) + " " + string(ssh.MarshalAuthorizedKey(hostPub))
	write(tb, s.KnownHosts, []byte(line))
	return s
}

// writeKey writes a new ed25519 private key in OpenSSH format and returns
// its public key.
func writeKey(tb testing.TB, path string) ssh.PublicKey {
	tb.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		tb.Fatal(err)
	}
	write(tb, path, pem.EncodeToMemory(block))
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		tb.Fatal(err)
	}
	return sp
}

func write(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitPort(port int, d time.Duration) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
			c.Close()
			return true
		}
	}
	return false
}
