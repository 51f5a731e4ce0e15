package workflow

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// ConfActionTimeout is the job property that bounds how long each shell,
// java or ssh action of the job may run: whole minutes, as Oozie's
// timeouts are given, or a Go duration such as "90s". It overrides
// Engine.ActionTimeout; a sub-workflow inherits it with
// propagate-configuration.
const ConfActionTimeout = "coordc.action.timeout"

// timingOut is the external status of an action whose time is up while it
// is being killed: a check that finds it (after a crash) kills again and
// ends the action TIMEOUT instead of reading the killed process's status.
const timingOut = "TIMING_OUT"

// timeoutTypes are the action types the run-time timeout applies to: those
// that run a process coordc can kill (flink has Engine.FlinkTimeout; fs and
// email are done within one check; a sub-workflow's actions have their
// own).
var timeoutTypes = map[string]bool{ir.ActionShell: true, ir.ActionJava: true, ir.ActionSSH: true}

// parseActionTimeout reads a ConfActionTimeout value.
func parseActionTimeout(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		if n <= 0 {
			return 0, fmt.Errorf("%s [%s] must be a positive number of minutes or a duration such as \"90s\"", ConfActionTimeout, v)
		}
		return time.Duration(n) * time.Minute, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s [%s] must be a positive number of minutes or a duration such as \"90s\"", ConfActionTimeout, v)
	}
	return d, nil
}

// checkTimeoutConf refuses a job configuration whose ConfActionTimeout is
// not valid, before the job exists.
func checkTimeoutConf(conf map[string]string) error {
	v, ok := conf[ConfActionTimeout]
	if !ok {
		return nil
	}
	if _, err := parseActionTimeout(v); err != nil {
		return &DefinitionError{Diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "E0701: " + err.Error()}}}
	}
	return nil
}

// actionTimeout is the run-time bound of job's actions; zero means none.
func (e *Engine) actionTimeout(job *jobRow) time.Duration {
	if v, ok := job.conf[ConfActionTimeout]; ok {
		if d, err := parseActionTimeout(v); err == nil {
			return d
		}
	}
	return e.ActionTimeout
}

// checkTimed checks a RUNNING action with x and, for the types of
// timeoutTypes, ends one that has run past its job's timeout: the row is
// marked timingOut, then the runner kills what it runs (the process group
// with SIGTERM, then SIGKILL after KillGrace; the remote command for ssh)
// and the action ends in error TIMEOUT, so the error transition and user
// retries apply as for any other error.
func (e *Engine) checkTimed(ctx context.Context, x actionRunner, a *nodeRun) (bool, error) {
	limit := e.actionTimeout(a.job)
	if limit <= 0 || !timeoutTypes[a.n.Type] {
		return x.check(ctx, e, a)
	}
	if a.r.externalStatus != timingOut {
		done, err := x.check(ctx, e, a)
		if err != nil || done || a.r.start == "" || e.now().Before(parseTime(a.r.start).Add(limit)) {
			return done, err
		}
		next := *a.r
		next.externalStatus, next.guardExternalID = timingOut, a.r.externalID
		if ok, err := updateAction(ctx, e.db, &next, a.r.status, false, e.now()); err != nil || !ok {
			return ok, err
		}
		next.guardExternalID = ""
		a.r = &next
	}
	if err := x.kill(ctx, e, a.job, a.r); err != nil {
		return false, err
	}
	return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "TIMEOUT", extStatus: "KILLED",
		msg: fmt.Sprintf("The %s action [%s] ran longer than the timeout of %s and was killed", a.n.Type, a.r.externalID, limit)})
}
