package settings

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"github.com/coordc/coordc/runtime/sshrun"
)

// SSHBlock is the ssh block of the runtime block: how ssh actions
// authenticate (keys only) and check host keys (known_hosts only). Without
// the block, ~/.ssh/known_hosts and the keys ~/.ssh/id_ed25519, id_ecdsa
// and id_rsa are used when they exist.
type SSHBlock struct {
	KnownHosts    []string `hcl:"known_hosts,optional"`
	IdentityFiles []string `hcl:"identity_files,optional"`
	User          string   `hcl:"user,optional"`
	Port          int      `hcl:"port,optional"`
	RemoteDir     string   `hcl:"remote_dir,optional"`
	Timeout       string   `hcl:"timeout,optional"`
}

// buildSSH makes the SSH client of ssh actions from the file's ssh block,
// or from the default OpenSSH files; nil when there is no block and no
// usable default key.
func buildSSH(file *File) (*sshrun.Client, error) {
	cfg := sshrun.Config{}
	if u, err := user.Current(); err == nil {
		cfg.DefaultUser = u.Username
	}
	if file == nil || file.SSH == nil {
		cfg.KnownHosts, cfg.IdentityFiles = sshrun.DefaultFiles()
		if len(cfg.IdentityFiles) == 0 || len(cfg.KnownHosts) == 0 {
			return nil, nil
		}
		if _, err := os.Stat(cfg.KnownHosts[0]); err != nil {
			return nil, nil
		}
		c, err := sshrun.New(cfg)
		if err != nil {
			return nil, nil // unusable defaults: ssh actions fail with LAUNCH_ERROR
		}
		return c, nil
	}
	b := file.SSH
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			return filepath.Join(filepath.Dir(file.Filename), p)
		}
		return p
	}
	for _, p := range b.KnownHosts {
		cfg.KnownHosts = append(cfg.KnownHosts, rel(p))
	}
	for _, p := range b.IdentityFiles {
		cfg.IdentityFiles = append(cfg.IdentityFiles, rel(p))
	}
	defKnown, defIDs := sshrun.DefaultFiles()
	if len(cfg.KnownHosts) == 0 {
		cfg.KnownHosts = defKnown
	}
	if len(cfg.IdentityFiles) == 0 {
		cfg.IdentityFiles = defIDs
	}
	if b.User != "" {
		cfg.DefaultUser = b.User
	}
	cfg.Port, cfg.RemoteDir = b.Port, b.RemoteDir
	if b.Timeout != "" {
		d, err := time.ParseDuration(b.Timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("%s: ssh timeout %q is not a positive duration such as \"30s\"", file.Filename, b.Timeout)
		}
		cfg.Timeout = d
	}
	c, err := sshrun.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file.Filename, err)
	}
	return c, nil
}
