package actionlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/coordc/coordc/runtime/workflow"
)

// Run is one workflow job of a coordinator action (a wf_jobs row) with
// its nodes, as the logs command, the error copier and the server read them.
type Run struct {
	ID, Status, AppName string
	Run                 int
	// ParentID is the coordinator action; AppPath the workflow directory;
	// Conf the workflow configuration (a JSON object).
	ParentID, AppPath, User, Conf string
	// Created, Start and End are stored UTC text ("" when not set).
	Created, Start, End string
	// Dir is the run's directory (Request.Dir): node directories with the
	// launcher's stdout, stderr and exit files are below it.
	Dir   string
	Nodes []Node
}

// Node is one wf_actions row.
type Node struct {
	Name, Type, Status, Transition string
	ExternalID, Start, End         string
	ErrorCode, ErrorMessage        string
}

// Runs reads the workflow jobs of a coordinator action, oldest run
// first.
func Runs(ctx context.Context, db *sql.DB, actionID string) ([]Run, error) {
	runs, err := queryRuns(ctx, db, `WHERE parent_id = ? ORDER BY run`, actionID)
	if err != nil {
		return nil, fmt.Errorf("workflows of %s: %w", actionID, err)
	}
	return withNodes(ctx, db, runs)
}

// GetRun reads one workflow job with its nodes; ok is false when there is
// none with that ID.
func GetRun(ctx context.Context, db *sql.DB, id string) (r Run, ok bool, err error) {
	runs, err := queryRuns(ctx, db, `WHERE id = ?`, id)
	if err != nil || len(runs) == 0 {
		return Run{}, false, err
	}
	runs, err = withNodes(ctx, db, runs)
	if err != nil {
		return Run{}, false, err
	}
	return runs[0], true, nil
}

// ListRuns reads a page of workflow jobs (without nodes), newest first,
// only those in statuses when not empty, and how many there are in all.
func ListRuns(ctx context.Context, db *sql.DB, statuses []string, offset, limit int) ([]Run, int, error) {
	where, args := "", []any{}
	if len(statuses) > 0 {
		where = "WHERE status IN (?" + strings.Repeat(", ?", len(statuses)-1) + ")"
		for _, s := range statuses {
			args = append(args, s)
		}
	}
	var total int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM wf_jobs "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count workflows: %w", err)
	}
	runs, err := queryRuns(ctx, db, where+" ORDER BY created_time DESC, id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list workflows: %w", err)
	}
	return runs, total, nil
}

// queryRuns reads wf_jobs rows (without nodes).
func queryRuns(ctx context.Context, db *sql.DB, tail string, args ...any) ([]Run, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, status, app_name, run, conf, COALESCE(parent_id, ''), app_path,
		COALESCE(user_name, ''), created_time, COALESCE(start_time, ''), COALESCE(end_time, '') FROM wf_jobs `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var runs []Run
	for rows.Next() {
		var r Run
		if err := rows.Scan(&r.ID, &r.Status, &r.AppName, &r.Run, &r.Conf, &r.ParentID, &r.AppPath, &r.User, &r.Created, &r.Start, &r.End); err != nil {
			return nil, err
		}
		var m map[string]string
		if json.Unmarshal([]byte(r.Conf), &m) == nil {
			r.Dir = m[workflow.ConfDir]
		}
		runs = append(runs, r)
	}
	return runs, rows.Err()
}

// withNodes reads the nodes of each run.
func withNodes(ctx context.Context, db *sql.DB, runs []Run) ([]Run, error) {
	var err error
	for i := range runs {
		if runs[i].Nodes, err = Nodes(ctx, db, runs[i].ID); err != nil {
			return nil, err
		}
	}
	return runs, nil
}

// Nodes reads the nodes a workflow job entered, in entry order.
func Nodes(ctx context.Context, db *sql.DB, wfID string) ([]Node, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, status, COALESCE(transition, ''), COALESCE(external_id, ''),
		COALESCE(start_time, ''), COALESCE(end_time, ''), COALESCE(error_code, ''), COALESCE(error_message, '')
		FROM wf_actions WHERE wf_id = ? ORDER BY created_time, start_time, id`, wfID)
	if err != nil {
		return nil, fmt.Errorf("nodes of %s: %w", wfID, err)
	}
	defer rows.Close()
	var out []Node
	for rows.Next() {
		var n Node
		if err := rows.Scan(&n.Name, &n.Type, &n.Status, &n.Transition, &n.ExternalID, &n.Start, &n.End, &n.ErrorCode, &n.ErrorMessage); err != nil {
			return nil, fmt.Errorf("nodes of %s: %w", wfID, err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return inFlowOrder(out), nil
}

// inFlowOrder orders nodes as the workflow went through them: breadth
// first along the recorded transitions (comma-separated for a fork) from
// the start node, then any node not reached that way in stored order. The
// stored times have one-second precision, too coarse to order by.
func inFlowOrder(nodes []Node) []Node {
	byName := map[string]int{}
	for i, n := range nodes {
		byName[n.Name] = i
	}
	placed := make([]bool, len(nodes))
	out := make([]Node, 0, len(nodes))
	queue := []string{workflow.StartNode}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		i, ok := byName[name]
		if !ok || placed[i] {
			continue
		}
		placed[i] = true
		out = append(out, nodes[i])
		if nodes[i].Transition != "" {
			queue = append(queue, strings.Split(nodes[i].Transition, ",")...)
		}
	}
	for i, n := range nodes {
		if !placed[i] {
			out = append(out, n)
		}
	}
	return out
}
