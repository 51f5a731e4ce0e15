package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/sshrun"
)

// errNoSSH is the LAUNCH_ERROR message of an ssh action without an SSH
// client.
const errNoSSH = "no SSH client is configured for ssh actions: add an ssh block (identity_files, known_hosts) to the runtime block of .coordc.hcl, or keep a key (~/.ssh/id_ed25519, id_ecdsa or id_rsa) and ~/.ssh/known_hosts"

// runNameUnsafe are the characters of a row id not kept in a remote run
// directory name.
var runNameUnsafe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9._-]`) })

// sshRecord is what an ssh action records in its conf column.
type sshRecord struct {
	Target string   `json:"target"`
	Run    string   `json:"run"`
	Argv   []string `json:"argv"`
}

// sshRunner runs ssh actions through Engine.SSH (package sshrun): the
// command runs detached on the remote host in a run directory named after
// the row and its user retry attempt, recorded (external status
// SUBMITTING) before the remote host is contacted. A Check asks the
// remote host for the run's state; a run nothing claimed is started again
// (the remote claim makes that safe), so a crash at any moment neither
// loses nor doubles a run.
type sshRunner struct{}

func (sshRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	d := body[*ir.SSHAction](a.n)
	vals := map[*ir.Template]string{}
	for _, t := range d.Templates() {
		v, err := s.evalAction(t)
		if err != nil {
			return e.fail(ctx, a.job, a.r, err.(*actionFailure))
		}
		vals[t] = v
	}
	if e.SSH == nil {
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: errNoSSH, extStatus: "FAILED"})
	}
	host := vals[d.Host]
	if !strings.Contains(host, "@") && a.job.conf[ConfUser] != "" {
		host = a.job.conf[ConfUser] + "@" + host
	}
	tgt, err := e.SSH.ParseTarget(host)
	if err != nil {
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
	}
	argv := []string{vals[d.Command]}
	for _, t := range d.Args {
		argv = append(argv, strings.Fields(vals[t])...)
	}
	for _, t := range d.Arg {
		argv = append(argv, vals[t])
	}
	rec := sshRecord{Target: tgt.String(), Run: fmt.Sprintf("%s.%d", runNameUnsafe().ReplaceAllString(a.r.id, "_"), a.r.retries), Argv: argv}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	next := *a.r
	next.status, next.externalID, next.externalStatus, next.conf, next.start = ActionRunning, "ssh:"+rec.Target+":"+rec.Run, "SUBMITTING", string(data), fmtTime(e.now())
	ok, err := updateAction(ctx, e.db, &next, a.r.status, true, e.now())
	if err != nil || !ok {
		return err
	}
	a.r = &next
	return e.sshStart(ctx, a, tgt, rec)
}

// sshStart starts the recorded run on the remote host. A failure before
// any command was sent ends the action in error; any other failure leaves
// it to the next check, which asks the remote host what happened.
func (e *Engine) sshStart(ctx context.Context, a *nodeRun, tgt sshrun.Target, rec sshRecord) error {
	st, err := e.SSH.Start(ctx, tgt, rec.Run, rec.Argv)
	switch {
	case errors.Is(err, sshrun.ErrNotConnected):
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
	case err != nil:
		return nil
	case st == sshrun.Lost:
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("The ssh command of run %s on %s did not come up", rec.Run, rec.Target)})
	}
	return nil
}

// record reads an ssh action's recorded target and run.
func (e *Engine) sshRecord(r *actionRow) (sshrun.Target, sshRecord, error) {
	var rec sshRecord
	if err := json.Unmarshal([]byte(r.conf), &rec); err != nil {
		return sshrun.Target{}, rec, fmt.Errorf("ssh action %s: unreadable record: %w", r.id, err)
	}
	tgt, err := e.SSH.ParseTarget(rec.Target)
	return tgt, rec, err
}

// check asks the remote host about the run: running is left, an ended run
// gives the outcome (exit status 0 is ok, with capture-output read from its
// stdout; anything else an error with the status as code), a run nothing
// claimed is started again, and a lost one is an error (LOST). An
// unreachable host leaves the action RUNNING until the next check.
func (sshRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	if e.SSH == nil {
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: errNoSSH, extStatus: "FAILED"})
	}
	tgt, rec, err := e.sshRecord(a.r)
	if err != nil {
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LOST", msg: err.Error(), extStatus: "FAILED"})
	}
	st, code, err := e.SSH.Status(ctx, tgt, rec.Run)
	if err != nil {
		return false, nil
	}
	switch st {
	case sshrun.Running:
		return false, nil
	case sshrun.NotStarted:
		return true, e.sshStart(ctx, a, tgt, rec)
	case sshrun.Lost:
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("The ssh command of run %s on %s ended without an exit status (killed from outside coordc, or the host rebooted)", rec.Run, rec.Target)})
	}
	if code != 0 {
		return true, e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: fmt.Sprint(code), extStatus: "FAILED",
			msg: fmt.Sprintf("Ssh command exited with code [%d]; see %s/stderr on %s", code, e.SSH.RunDir(rec.Run), rec.Target)})
	}
	out := outcome{ok: true, extStatus: "SUCCEEDED"}
	if body[*ir.SSHAction](a.n).CaptureOutput {
		data, err := e.SSH.Output(ctx, tgt, rec.Run, MaxOutputData+1)
		if err != nil {
			return false, nil
		}
		if out.data, err = parseCapture(rec.Target+":"+rec.Run+"/stdout", data); err != nil {
			out = outcome{code: "OUTPUT_ERROR", msg: err.Error(), extStatus: "FAILED"}
		}
	}
	return true, e.finish(ctx, a.job, a.w, a.n, a.r, out)
}

// kill stops the remote command.
func (sshRunner) kill(ctx context.Context, e *Engine, _ *jobRow, r *actionRow) error {
	if e.SSH == nil {
		return nil
	}
	tgt, rec, err := e.sshRecord(r)
	if err != nil {
		return nil // nothing recorded, nothing started
	}
	return e.SSH.Kill(ctx, tgt, rec.Run)
}
