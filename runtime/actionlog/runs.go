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
	rows, err := db.QueryContext(ctx, `SELECT id, status, app_name, run, conf FROM wf_jobs WHERE parent_id = ? ORDER BY run`, actionID)
	if err != nil {
		return nil, fmt.Errorf("workflows of %s: %w", actionID, err)
	}
	var runs []Run
	for rows.Next() {
		var r Run
		var conf string
		if err := rows.Scan(&r.ID, &r.Status, &r.AppName, &r.Run, &conf); err != nil {
			rows.Close()
			return nil, fmt.Errorf("workflows of %s: %w", actionID, err)
		}
		var m map[string]string
		if json.Unmarshal([]byte(conf), &m) == nil {
			r.Dir = m[workflow.ConfDir]
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
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
