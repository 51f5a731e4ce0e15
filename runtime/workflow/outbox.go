package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// ConfActionNotificationURL is Oozie's oozie.wf.action.notification.url:
// a URL called (HTTP GET) when the job enters and exits each action node,
// with $jobId, $nodeName and $status ("S:<status>" on entry, "T:<transition>"
// on exit) substituted.
const ConfActionNotificationURL = "oozie.wf.action.notification.url"

// NodeNotification is the body of a workflow action's notification event:
// the node and the callback URL, already substituted (the delivery worker,
// package runtime/notify, calls URL).
type NodeNotification struct {
	JobID    string `json:"jobId"`
	NodeName string `json:"nodeName"`
	Status   string `json:"status"`
	URL      string `json:"url"`
}

// nodeExtras is what a node's status change implies beyond its row: an
// SLA summary to update, and the job's oozie.wf.action.notification.url.
type nodeExtras struct {
	sla       bool
	url, user string
}

// none reports whether a status change implies nothing more.
func (x nodeExtras) none() bool { return !x.sla && x.url == "" }

// nodeExtras is what the status changes of the job's nodes imply, when
// its row tells: for a job without SLA summaries, the notification URL of
// the configuration as the call read it (only the rerun of an ended job
// changes it); nil when a node may have an SLA summary.
func (j *jobRow) nodeExtras() *nodeExtras {
	if j.hasSLA {
		return nil
	}
	return &nodeExtras{url: j.conf[ConfActionNotificationURL], user: j.conf[ConfUser]}
}

// readNodeExtras reads the extras of node a's status changes: one query,
// skipped for control nodes other than decisions (they have neither an
// SLA nor notifications) and for a row that carries them (a.extras).
func readNodeExtras(ctx context.Context, q querier, a *actionRow) (nodeExtras, error) {
	var x nodeExtras
	if control(a.typ) && a.typ != ir.NodeDecision {
		return x, nil
	}
	if a.extras != nil {
		return *a.extras, nil
	}
	var confJSON sql.NullString
	var slas int
	err := q.QueryRowContext(ctx, `SELECT conf, (SELECT COUNT(*) FROM sla_summary WHERE job_id = ?) FROM wf_jobs WHERE id = ?`, a.id, a.wfID).
		Scan(&confJSON, &slas)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return x, fmt.Errorf("workflow: node %s: %w", a.id, err)
	}
	x.sla = slas > 0
	if confJSON.Valid {
		conf := map[string]string{}
		if err := json.Unmarshal([]byte(confJSON.String), &conf); err != nil {
			return x, fmt.Errorf("workflow: job %s: configuration: %w", a.wfID, err)
		}
		x.url, x.user = conf[ConfActionNotificationURL], conf[ConfUser]
	}
	return x, nil
}

// afterNodeChange records, in q (the transaction of the change), what a
// node's move from status from to a.status implies (x): the actual start or
// end of its SLA summary, and its entry and exit notifications when the
// job has oozie.wf.action.notification.url.
func afterNodeChange(ctx context.Context, q querier, a *actionRow, from ActionStatus, x nodeExtras, now time.Time) error {
	if a.status == from {
		return nil
	}
	if x.sla {
		if err := slaNodeActuals(ctx, q, a, from, now); err != nil {
			return err
		}
	}
	if x.url == "" {
		return nil
	}
	type note struct{ status, event string } // $status and the event status
	var notes []note
	if from == ActionPrep && a.typ != ir.NodeDecision {
		switch a.status {
		case ActionRunning, ActionUserRetry:
			notes = append(notes, note{"S:" + string(a.status), "STARTED"})
		case ActionOK, ActionError: // ended within its start, as Oozie's DONE
			notes = append(notes, note{"S:DONE", "STARTED"})
		}
	}
	switch a.status {
	case ActionOK:
		notes = append(notes, note{"T:" + a.transition, "SUCCESS"})
	case ActionError:
		notes = append(notes, note{"T:" + a.transition, "FAILURE"})
	case ActionFailed, ActionKilled:
		notes = append(notes, note{"S:" + string(a.status), "FAILURE"})
	}
	for _, nt := range notes {
		n := NodeNotification{JobID: a.wfID, NodeName: a.name, Status: nt.status,
			URL: strings.NewReplacer("$jobId", a.wfID, "$nodeName", a.name, "$status", nt.status).Replace(x.url)}
		body, err := json.Marshal(n)
		if err != nil {
			return err
		}
		if err := state.RecordEvent(ctx, q, now, state.Event{MsgType: state.MsgJob, AppType: state.AppWorkflowAction, EntityID: a.id,
			ParentID: a.wfID, AppName: a.name, User: x.user, Status: nt.status, EventStatus: nt.event, Body: string(body)}); err != nil {
			return err
		}
	}
	return nil
}

// control reports whether a node type is a control node.
func control(typ string) bool {
	switch typ {
	case ir.NodeStart, ir.NodeEnd, ir.NodeKill, ir.NodeDecision, ir.NodeFork, ir.NodeJoin:
		return true
	}
	return false
}

// slaNodeActuals records a node's actual start (it left PREP) and end (it
// finished) in its SLA summary, when it has one.
func slaNodeActuals(ctx context.Context, q querier, a *actionRow, from ActionStatus, now time.Time) error {
	ts := fmtTime(now)
	set := `job_status = ?, last_modified_time = ?`
	args := []any{string(a.status), ts}
	if from == ActionPrep {
		set += `, actual_start = COALESCE(actual_start, ?)`
		args = append(args, ts)
	}
	if nodeEnded(a.status) {
		set += `, actual_end = COALESCE(actual_end, ?)`
		args = append(args, ts)
	}
	_, err := q.ExecContext(ctx, `UPDATE sla_summary SET `+set+` WHERE job_id = ?`, append(args, a.id)...)
	if err != nil {
		return fmt.Errorf("workflow: SLA of %s: %w", a.id, err)
	}
	return nil
}

// nodeEnded reports whether a node status is final.
func nodeEnded(s ActionStatus) bool {
	switch s {
	case ActionOK, ActionError, ActionFailed, ActionKilled:
		return true
	}
	return false
}

// jobHasSLA reports whether workflow job id has an SLA summary.
func jobHasSLA(ctx context.Context, q querier, id string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM sla_summary WHERE job_id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("workflow: SLA of %s: %w", id, err)
	}
	return n > 0, nil
}

// slaJobActuals records a workflow job's status and, when it ended, its
// actual end in its SLA summary, when it has one.
func slaJobActuals(ctx context.Context, q querier, id string, to runner.Status, now time.Time) error {
	ts := fmtTime(now)
	set := `job_status = ?, last_modified_time = ?`
	args := []any{string(to), ts}
	switch to {
	case runner.Succeeded, runner.Failed, runner.Killed:
		set += `, actual_end = COALESCE(actual_end, ?)`
		args = append(args, ts)
	}
	if _, err := q.ExecContext(ctx, `UPDATE sla_summary SET `+set+` WHERE job_id = ?`, append(args, id)...); err != nil {
		return fmt.Errorf("workflow: SLA of %s: %w", id, err)
	}
	return nil
}
