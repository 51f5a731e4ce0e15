package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

func purgeCommand() *cli.Command {
	return &cli.Command{
		Name:      "purge",
		Usage:     "delete finished jobs older than a duration, with their actions, workflows and log directories",
		ArgsUsage: "--older-than 30d",
		Flags: []cli.Flag{stateFlag(),
			&cli.StringFlag{Name: "older-than", Required: true, Usage: "purge jobs finished (last changed) more than `AGE` ago: 30d, 12h"},
			&cli.StringFlag{Name: "log-dir", Usage: "the apply log `DIR` whose job directories go too (default: as apply's)"},
		},
		Action: runPurge,
	}
}

func runPurge(c *cli.Context) error {
	if c.Args().Len() != 0 {
		return usagef("purge: takes no arguments")
	}
	age, err := parseAge(c.String("older-than"))
	if err != nil {
		return usagef("purge: --older-than: %v", err)
	}
	target, err := stateTarget(c)
	if err != nil {
		return err
	}
	logDir := c.String("log-dir")
	if logDir == "" {
		logDir = defaultLogDir(target)
	}
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	ids, err := purgeJobs(c.Context, st, age, logDir)
	if err != nil {
		return withCode(exitInternal, err)
	}
	fmt.Fprintf(c.App.Writer, "%d jobs purged\n", len(ids))
	return nil
}

// purgeJobs purges the jobs finished more than age ago and their log
// directories under logDir.
func purgeJobs(ctx context.Context, st *state.Store, age time.Duration, logDir string) ([]string, error) {
	ids, err := st.Purge(ctx, time.Now().Add(-age))
	for _, id := range ids {
		if rerr := os.RemoveAll(filepath.Join(logDir, id)); rerr != nil && err == nil {
			err = rerr
		}
	}
	return ids, err
}

// defaultLogDir is apply's log directory for the state database target:
// <file without extension>-logs beside a SQLite file, ./coordc-logs for
// PostgreSQL.
func defaultLogDir(target string) string {
	if state.IsPostgres(target) {
		return "coordc-logs"
	}
	return strings.TrimSuffix(target, filepath.Ext(target)) + "-logs"
}

// parseAge reads a positive age: Go's durations (12h, 90m) or a number of
// days (30d).
func parseAge(s string) (time.Duration, error) {
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of days like 30d", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not an age like 30d or 12h", s)
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q is not positive", s)
	}
	return d, nil
}

// autoPurge is apply's purge of the runtime block's purge_older_than,
// at most once an hour.
type autoPurge struct {
	age    time.Duration // 0: off
	logDir string
	last   time.Time
}

// purgeAge reads the runtime block's purge_older_than (0 when not set).
func purgeAge(c *cli.Context) (time.Duration, error) {
	file, err := runtimeFile(c)
	if err != nil || file == nil || file.PurgeOlderThan == "" {
		return 0, err
	}
	age, err := parseAge(file.PurgeOlderThan)
	if err != nil {
		return 0, usagef("%s: purge_older_than: %v", file.Filename, err)
	}
	return age, nil
}

func (p *autoPurge) run(ctx context.Context, st *state.Store, log *slog.Logger) {
	if p.age == 0 || time.Since(p.last) < time.Hour {
		return
	}
	p.last = time.Now()
	ids, err := purgeJobs(ctx, st, p.age, p.logDir)
	if err != nil {
		log.Warn("purge failed; trying again in an hour", "error", err)
	}
	if len(ids) > 0 {
		log.Info("jobs purged", "jobs", len(ids), "older_than", p.age)
	}
}
