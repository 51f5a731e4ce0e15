package scheduler

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/oozietime"
)

// Op names a job operation (Oozie's job -kill, -suspend, -resume, -rerun,
// -change, -ignore).
type Op string

// The job operations Do runs.
const (
	OpKill    Op = "kill"
	OpSuspend Op = "suspend"
	OpResume  Op = "resume"
	OpRerun   Op = "rerun"
	OpChange  Op = "change"
	OpIgnore  Op = "ignore"
)

// Request is one job operation: what the CLI's ops commands and the
// server's PUT /oozie/v2/job/{id} ask for.
type Request struct {
	Op  Op
	Job string
	// Sel picks actions (kill, rerun, ignore); nil is the whole job.
	Sel *Selection
	// Rerun are the rerun flags (OpRerun).
	Rerun RerunOptions
	// Change is what OpChange sets.
	Change Change
}

// Result is what an operation did, the confirmation the CLI prints
// whether it ran the operation on the state database or through a server.
type Result struct {
	Op  Op
	Job string
	// Actions is set when the operation applied to some actions of Job,
	// not to the job itself.
	Actions bool
}

// String is the confirmation: "job J killed", "actions of job J rerun" …
func (r Result) String() string {
	verb := map[Op]string{OpKill: "killed", OpSuspend: "suspended", OpResume: "resumed", OpRerun: "rerun",
		OpChange: "changed", OpIgnore: "ignored"}[r.Op]
	if r.Actions {
		return "actions of job " + r.Job + " " + verb
	}
	return "job " + r.Job + " " + verb
}

// Result is the result of req once done.
func (req Request) Result() Result {
	return Result{Op: req.Op, Job: req.Job, Actions: req.Sel != nil || req.Op == OpRerun}
}

// Check reports a request that no job could satisfy: an unknown operation,
// a selection where the operation takes none or none where it needs one.
func (req Request) Check() error {
	switch req.Op {
	case OpKill, OpIgnore:
	case OpSuspend, OpResume, OpChange:
		if req.Sel != nil {
			return fmt.Errorf("%s applies to a whole coordinator job, not to some of its actions", req.Op)
		}
	case OpRerun:
		if req.Sel == nil {
			return fmt.Errorf("rerun needs the actions to rerun (type=action|date and scope)")
		}
	default:
		return fmt.Errorf("unknown job operation %q", req.Op)
	}
	return nil
}

// Do runs req: the one entry to the job operations for the CLI and the
// server, so both confirm (and refuse) alike.
func (s *Scheduler) Do(ctx context.Context, req Request) (Result, error) {
	if err := req.Check(); err != nil {
		return Result{}, err
	}
	var err error
	switch req.Op {
	case OpKill:
		if req.Sel == nil {
			err = s.Kill(ctx, req.Job)
		} else {
			err = s.KillActions(ctx, req.Job, *req.Sel)
		}
	case OpSuspend:
		err = s.Suspend(ctx, req.Job)
	case OpResume:
		err = s.Resume(ctx, req.Job)
	case OpRerun:
		err = s.Rerun(ctx, req.Job, *req.Sel, req.Rerun)
	case OpChange:
		err = s.Change(ctx, req.Job, req.Change)
	case OpIgnore:
		err = s.Ignore(ctx, req.Job, req.Sel)
	}
	if err != nil {
		return Result{}, err
	}
	return req.Result(), nil
}

// Value is ch in Oozie's -value form (endtime=…;concurrency=…;pausetime=…
// or status=RUNNING), the inverse of ParseChange.
func (ch Change) Value() string {
	if ch.Revive {
		return "status=RUNNING"
	}
	var pairs []string
	if ch.End != nil {
		pairs = append(pairs, "endtime="+oozietime.FormatDateTime(*ch.End))
	}
	if ch.Concurrency != nil {
		pairs = append(pairs, "concurrency="+strconv.Itoa(*ch.Concurrency))
	}
	if ch.PauseTime != nil {
		v := ""
		if !ch.PauseTime.IsZero() {
			v = oozietime.FormatDateTime(*ch.PauseTime)
		}
		pairs = append(pairs, "pausetime="+v)
	}
	return strings.Join(pairs, ";")
}

// Scope is sel in Oozie's type and scope parameters: ("action", "1-3,7")
// or ("date", "FROM::TO,…"), the inverse of ParseActions and ParseDates.
// A selection with both numbers and dates (which neither Oozie nor the CLI
// makes) gives its numbers.
func (sel Selection) Scope() (typ, scope string) {
	if len(sel.Numbers) > 0 || len(sel.Dates) == 0 {
		var parts []string
		for i := 0; i < len(sel.Numbers); {
			j := i
			for j+1 < len(sel.Numbers) && sel.Numbers[j+1] == sel.Numbers[j]+1 {
				j++
			}
			part := strconv.Itoa(sel.Numbers[i])
			if j > i {
				part += "-" + strconv.Itoa(sel.Numbers[j])
			}
			parts = append(parts, part)
			i = j + 1
		}
		return "action", strings.Join(parts, ",")
	}
	parts := make([]string, 0, len(sel.Dates))
	for _, r := range sel.Dates {
		part := oozietime.FormatDateTime(r.From)
		if !r.To.Equal(r.From) {
			part += "::" + oozietime.FormatDateTime(r.To)
		}
		parts = append(parts, part)
	}
	return "date", strings.Join(parts, ",")
}
