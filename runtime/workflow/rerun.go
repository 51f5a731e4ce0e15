package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
)

// The job properties of a workflow rerun (Oozie's DG_WorkflowReRun).
const (
	// ConfRerunSkipNodes lists, comma-separated, the action and decision
	// nodes a rerun does not run again: each must have ended OK in the run
	// before, and takes the same transition (its wf:actionData is kept).
	ConfRerunSkipNodes = "oozie.wf.rerun.skip.nodes"
	// ConfRerunFailNodes "true" skips every action and decision node that
	// ended OK, so that only what failed or did not run runs again.
	ConfRerunFailNodes = "oozie.wf.rerun.failnodes"
	// confRerunSkipped is where the engine keeps the nodes a rerun
	// carries over, which entering them follows instead of running them.
	confRerunSkipped = "coordc.wf.rerun.skipped"
)

// RerunError is a workflow rerun that Oozie refuses, with its error code:
// E0401 (neither property given), E0404 (both), E0805 (the job has not
// ended), E0806 (a skip node did not end OK), E0807 (a skip node did not
// run).
type RerunError struct {
	Code diag.Code
	Msg  string
}

func (e *RerunError) Error() string { return string(e.Code) + ": " + e.Msg }

// Rerun runs an ended (SUCCEEDED, KILLED or FAILED) workflow job again
// under the same ID, as Oozie's job -rerun of a workflow: conf (which
// must give exactly one of ConfRerunSkipNodes and ConfRerunFailNodes) is
// merged over the job's configuration, the definition is read again from
// the application path, the rows of the nodes not skipped (and the child
// jobs of sub-workflow actions among them) are deleted, their directories
// kept as <node>.rerun-<k>, and the job restarts from its start node, the
// skipped nodes taking their earlier transitions. Everything in the
// database changes in one transaction, guarded by the job's status.
func (e *Engine) Rerun(ctx context.Context, id string, conf map[string]string) error {
	skipList, hasSkip := conf[ConfRerunSkipNodes]
	failNodes, hasFail := conf[ConfRerunFailNodes]
	switch {
	case !hasSkip && !hasFail:
		return &RerunError{diag.E0401, fmt.Sprintf("Missing configuration property [%s OR %s]", ConfRerunSkipNodes, ConfRerunFailNodes)}
	case hasSkip && hasFail:
		return &RerunError{diag.E0404, fmt.Sprintf("Only one of the properties are allowed [%s OR %s]", ConfRerunSkipNodes, ConfRerunFailNodes)}
	}
	job, err := loadJob(ctx, e.db, id)
	if err != nil {
		return err
	}
	switch job.status {
	case runner.Succeeded, runner.Killed, runner.Failed:
	default:
		return &RerunError{diag.E0805, fmt.Sprintf("Workflow job not completed, status [%s]", job.status)}
	}
	rows, err := loadActions(ctx, e.db, id)
	if err != nil {
		return err
	}
	skip, err := rerunSkips(rows, skipList, hasFail && strings.EqualFold(strings.TrimSpace(failNodes), "true"))
	if err != nil {
		return err
	}
	merged := map[string]string{}
	for k, v := range job.conf {
		merged[k] = v
	}
	delete(merged, ConfRerunSkipNodes)
	delete(merged, ConfRerunFailNodes)
	for k, v := range conf {
		merged[k] = v
	}
	merged[ConfAppPath], merged[ConfDir] = job.appPath, job.conf[ConfDir]
	names := make([]string, 0, len(skip))
	for name := range skip {
		names = append(names, name)
	}
	sort.Strings(names)
	merged[confRerunSkipped] = strings.Join(names, ",")
	if err := checkTimeoutConf(merged); err != nil {
		return err
	}
	w, data, err := e.rereadDefinition(ctx, job, merged)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if !skip[r.name] {
			if err := archiveRerun(job, r.name); err != nil {
				return err
			}
		}
	}
	if err := writeAtomic(filepath.Join(job.conf[ConfDir], snapshotName), data, true); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	confJSON, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	return e.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wf_jobs SET status = ?, conf = ?, app_name = ?, error_code = NULL,
			error_message = NULL, end_time = NULL, last_modified_time = ? WHERE id = ? AND status = ?`,
			runner.Running, string(confJSON), w.Name, fmtTime(e.now()), id, job.status)
		if err != nil {
			return fmt.Errorf("workflow: rerun of %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			if err == nil {
				err = &RerunError{diag.E0805, "Workflow job not completed, status [changed while the rerun was prepared]"}
			}
			return err
		}
		for _, r := range rows {
			if skip[r.name] {
				continue
			}
			if r.typ == ir.ActionSubWorkflow && r.externalID != "" {
				if err := deleteJobTree(ctx, tx, r.externalID); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM wf_actions WHERE id = ?`, r.id); err != nil {
				return fmt.Errorf("workflow: rerun of %s: %w", id, err)
			}
		}
		job.status, job.conf, job.errorCode, job.errorMessage = runner.Running, merged, "", ""
		return e.enter(ctx, tx, job, w, StartNode)
	})
}

// rerunSkips is the set of nodes a rerun carries over: the skip list
// (each an action or decision node that ended OK, else E0807 or E0806),
// or with failNodes every action or decision node that ended OK.
func rerunSkips(rows []*actionRow, skipList string, failNodes bool) (map[string]bool, error) {
	byName := map[string]*actionRow{}
	for _, r := range rows {
		byName[r.name] = r
	}
	carried := func(r *actionRow) bool {
		return r.typ == ir.NodeDecision || runners[r.typ] != nil
	}
	skip := map[string]bool{}
	if failNodes {
		for _, r := range rows {
			if r.status == ActionOK && carried(r) {
				skip[r.name] = true
			}
		}
		return skip, nil
	}
	var missing []string
	for _, name := range strings.Split(skipList, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		r := byName[name]
		switch {
		case r == nil || !carried(r):
			missing = append(missing, name)
		case r.status != ActionOK:
			return nil, &RerunError{diag.E0806, fmt.Sprintf("Action did not complete in previous run, action [%s]", name)}
		default:
			skip[name] = true
		}
	}
	if len(missing) > 0 {
		return nil, &RerunError{diag.E0807, fmt.Sprintf("Some skip actions were not executed [%s]", strings.Join(missing, ","))}
	}
	return skip, nil
}

// rereadDefinition reads and compiles workflow.xml from the job's
// application path again (a rerun may run a corrected definition, as in
// Oozie) and checks its parameters against conf.
func (e *Engine) rereadDefinition(ctx context.Context, job *jobRow, conf map[string]string) (*ir.Workflow, []byte, error) {
	w, data, err := e.readDefinition(ctx, job.appPath)
	if err != nil {
		return nil, nil, err
	}
	if diags := resolveParams(w, conf); diags.HasErrors() {
		return nil, nil, &DefinitionError{Diags: diags}
	}
	return w, data, nil
}

// carriedOver gives the earlier transitions of node n when a rerun skips
// it: its row, kept from the run before, ended OK.
func carriedOver(ctx context.Context, tx *sql.Tx, job *jobRow, n *ir.WorkflowNode) ([]string, bool, error) {
	skipped := job.conf[confRerunSkipped]
	if skipped == "" || !contains(strings.Split(skipped, ","), n.Name) {
		return nil, false, nil
	}
	var status ActionStatus
	var transition sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT status, transition FROM wf_actions WHERE id = ?`, job.id+"@"+n.Name).Scan(&status, &transition)
	if errors.Is(err, sql.ErrNoRows) || err == nil && status != ActionOK {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("workflow: %w", err)
	}
	if transition.String == "" {
		return nil, true, nil
	}
	return strings.Split(transition.String, ","), true, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// deleteJobTree deletes a workflow job, its nodes and, through its
// sub-workflow nodes, its child jobs.
func deleteJobTree(ctx context.Context, tx *sql.Tx, id string) error {
	rows, err := loadActions(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.typ == ir.ActionSubWorkflow && r.externalID != "" {
			if err := deleteJobTree(ctx, tx, r.externalID); err != nil {
				return err
			}
		}
	}
	for _, q := range []string{`DELETE FROM wf_actions WHERE wf_id = ?`, `DELETE FROM wf_jobs WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("workflow: deleting %s: %w", id, err)
		}
	}
	return nil
}

// archiveRerun keeps the files of a node that a rerun runs again: its
// directory becomes <node>.rerun-<k> and its attempt directories
// <node>.rerun-<k>.attempt-<n>, k the first number not taken.
func archiveRerun(job *jobRow, node string) error {
	dir := filepath.Join(job.conf[ConfDir], node)
	_, attempts := AttemptDirs(job.conf[ConfDir], node)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) && len(attempts) == 0 {
		return nil
	}
	k := 0
	for ; ; k++ {
		if _, err := os.Stat(fmt.Sprintf("%s.rerun-%d", dir, k)); errors.Is(err, os.ErrNotExist) {
			break
		}
	}
	dst := fmt.Sprintf("%s.rerun-%d", dir, k)
	for _, a := range attempts {
		if err := os.Rename(a, dst+strings.TrimPrefix(a, dir)); err != nil {
			return fmt.Errorf("workflow: keeping %s before the rerun: %w", a, err)
		}
	}
	if err := os.Rename(dir, dst); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("workflow: keeping %s before the rerun: %w", dir, err)
	}
	return nil
}
