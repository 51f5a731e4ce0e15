package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
	"github.com/coordc/coordc/runtime/notify"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

// drainLimit is how long `apply --until-done` keeps sending pending
// notifications after the jobs are done; what is left is sent by the next
// apply.
const drainLimit = 10 * time.Second

// loadNotify reads the notify block of the runtime block of the
// .coordc.hcl found from the working directory (nil without one). An
// invalid block exits 3.
func loadNotify(c *cli.Context) (*notify.Config, error) {
	path := lint.FindConfig(".")
	if path == "" {
		return nil, nil
	}
	cfg, _ := lint.LoadConfig(path, rules.All()) // its errors are reported by loadRuntime
	f, diags := settings.DecodeBody(cfg.Runtime, path)
	if diags.HasErrors() {
		return nil, nil
	}
	n, ndiags := notify.DecodeBody(f.Notify, path, nil)
	if ndiags.HasErrors() {
		src := diag.Sources{}
		if data, err := inputfile.Read(path, 0); err == nil {
			src[path] = data
		}
		diag.WriteText(c.App.ErrWriter, ndiags, src)
		return nil, withCode(exitUsage, fmt.Errorf("invalid notify block in %s", path))
	}
	return n, nil
}

// startNotifications runs the outbox's delivery worker beside apply's
// loop. stop ends it; with drain it first sends what is pending (for up to
// drainLimit).
func startNotifications(ctx context.Context, st *state.Store, cfg *notify.Config, logger *slog.Logger, pol *redact.Policy) (stop func(drain bool)) {
	if cfg != nil && pol != nil {
		pol.Add(cfg.Secrets())
	}
	w := &notify.Worker{Store: st, Config: cfg, Logger: logger}
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Run(wctx)
	}()
	return func(drain bool) {
		cancel()
		wg.Wait()
		if drain {
			if err := w.Drain(context.WithoutCancel(ctx), drainLimit); err != nil {
				logger.Warn("notifications left in the outbox for the next apply", "error", err)
			}
		}
	}
}
