package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/loop"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

// defaultListen is coordc server's address: loopback, Oozie's port.
const defaultListen = "127.0.0.1:11000"

func serverCommand() *cli.Command {
	return &cli.Command{
		Name:  "server",
		Usage: "run the scheduler and the HTTP API (Oozie's REST API v2 subset), web console and metrics in one process",
		Flags: append(settings.Flags(),
			stateFlag(),
			&cli.StringFlag{Name: "listen", Value: defaultListen, Usage: "`ADDRESS` to listen on (host:port; beyond loopback mutating requests need the token)"},
			&cli.StringFlag{Name: "token-file", Usage: "`FILE` holding the bearer token mutating requests must carry (default beyond loopback: the state's generated token, <state>.token)"},
			&cli.StringFlag{Name: "tls-cert", Usage: "serve HTTPS with this certificate `FILE` (PEM; with --tls-key)"},
			&cli.StringFlag{Name: "tls-key", Usage: "private key `FILE` of --tls-cert (PEM)"},
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log `LEVEL`: debug, info, warn or error"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log `FORMAT`: text or json"},
			&cli.StringFlag{Name: "log-dir", Usage: "`DIR` for each action's stdout, stderr and launcher files (default: <state>-logs next to the state file)"},
			&cli.DurationFlag{Name: "poll-interval", Value: defaultPoll, Usage: "how often running actions are checked (`DURATION`)"},
			showSecretsFlag(),
		),
		Action: runServer,
	}
}

func runServer(c *cli.Context) error {
	if c.NArg() != 0 {
		return usagef("server: takes no arguments (submit with coordc submit --server URL)")
	}
	if c.Duration("poll-interval") <= 0 {
		return usagef("server: --poll-interval must be positive")
	}
	if (c.String("tls-cert") == "") != (c.String("tls-key") == "") {
		return usagef("server: give --tls-cert and --tls-key together")
	}
	runnerGC()
	logger, err := newLogger(c.App.ErrWriter, c.String("log-level"), c.String("log-format"))
	if err != nil {
		return err
	}
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	statePath := c.String("state")
	logDir, err := actionLogDir(statePath, c.String("log-dir"))
	if err != nil {
		return err
	}
	loopback, err := isLoopback(c.String("listen"))
	if err != nil {
		return usagef("server: --listen: %v", err)
	}
	st, err := state.Open(statePath)
	if err != nil {
		return withCode(exitUsage, err)
	}
	defer st.Close()
	useJarCache(rt, st)
	// The log masks the secret values of every job's properties (those
	// submitted later are added at submission), unless --show-secrets.
	pol := secretPolicy(c, nil)
	if jobs, err := st.ListJobs(c.Context); err == nil {
		for _, j := range jobs {
			pol.AddJSON(j.Conf)
		}
	}
	logger = slog.New(redact.Handler(logger.Handler(), pol))
	token := ""
	switch {
	case c.String("token-file") != "":
		if token, err = readToken(c.String("token-file")); err != nil {
			return usagef("server: --token-file: %v", err)
		}
	case !loopback:
		if token, err = stateToken(statePath, true); err != nil {
			return withCode(exitInternal, err)
		}
		logger.Info("mutating requests need the state's token", "token_file", tokenPath(statePath))
	}

	poll := c.Duration("poll-interval")
	wake := newWakeup()
	newSched := func() *scheduler.Scheduler { return newScheduler(st, logger, logDir, poll, rt, wake.notify) }
	metrics := server.NewMetrics(st)
	srv := server.New(server.Config{
		Store: st, NewScheduler: newSched, LogDir: logDir, Logger: logger, Token: token,
		Version: buildVersion(), Wake: wake,
		Submit: &server.Submissions{Runtime: rt, Secrets: pol},
	}, metrics)

	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return usagef("server: %v", err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	scheme := "http"
	if c.String("tls-cert") != "" {
		scheme = "https"
	}
	ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	serveErr := make(chan error, 1)
	go func() {
		var err error
		if scheme == "https" {
			err = hs.ServeTLS(ln, c.String("tls-cert"), c.String("tls-key"))
		} else {
			err = hs.Serve(ln)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			serveErr <- err
		}
		close(serveErr)
	}()
	logger.Info("listening", "url", scheme+"://"+ln.Addr().String(), "state", statePath, "log_dir", logDir, "token_required", token != "")

	s := newSched()
	lp := &loop.Loop{Scheduler: s, Store: st, Log: logger, Wake: wake,
		AfterTick: func(work context.Context, tick loop.Tick) (bool, error) {
			metrics.Tick(work, tick.Took)
			if err := pruneJars(work, rt, st, logger); err != nil {
				logger.Warn("cannot delete uploaded jars; trying again later", "error", err)
			}
			return false, nil
		}}
	if rt != nil {
		lp.BeforeTick = func(work context.Context) { rt.Storage.BeginTick(work) }
	}
	loopErr := make(chan error, 1)
	go func() { loopErr <- lp.Run(ctx) }()

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		runErr = err
		stop()
	case err := <-loopErr:
		runErr = err
		stop()
		loopErr = nil
	}
	srv.Drain()
	logger.Info("stopping: no new work is claimed; running actions go on and are picked up by the next scheduler")
	shut, cancel := context.WithTimeout(context.WithoutCancel(c.Context), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		logger.Warn("HTTP shutdown", "error", err)
	}
	if loopErr != nil {
		if err := <-loopErr; err != nil && runErr == nil {
			runErr = err
		}
	}
	if runErr != nil {
		return withCode(exitInternal, runErr)
	}
	logger.Info("stopped")
	return nil
}

// actionLogDir is apply's and the server's --log-dir, absolute (default
// <state>-logs).
func actionLogDir(statePath, logDir string) (string, error) {
	if logDir == "" {
		logDir = strings.TrimSuffix(statePath, filepath.Ext(statePath)) + "-logs"
	}
	abs, err := filepath.Abs(logDir)
	if err != nil {
		return "", usagef("--log-dir: %v", err)
	}
	return abs, nil
}

// isLoopback reports whether a listen address only accepts local
// connections (a loopback IP or localhost; an empty host listens on all).
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// tokenPath is where the state's generated token lives: <state>.token.
func tokenPath(statePath string) string {
	return strings.TrimSuffix(statePath, filepath.Ext(statePath)) + ".token"
}

// stateToken reads the state's token, generating it (0600) when create is
// set and there is none.
func stateToken(statePath string, create bool) (string, error) {
	p := tokenPath(statePath)
	tok, err := readToken(p)
	if err == nil || !create || !errors.Is(err, os.ErrNotExist) {
		return tok, err
	}
	b := make([]byte, 32)
	rand.Read(b)
	tok = hex.EncodeToString(b)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return readToken(p)
		}
		return "", err
	}
	if _, err := f.WriteString(tok + "\n"); err != nil {
		f.Close()
		return "", err
	}
	return tok, f.Close()
}

// readToken reads a token file (surrounding white space dropped).
func readToken(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	tok := strings.TrimSpace(string(data))
	if tok == "" {
		return "", fmt.Errorf("%s is empty", path)
	}
	return tok, nil
}
