package state

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Report is what `coordc status -o json` prints:
// {"jobs":[{"id","name","status","actions":[{"number","nominal_time","status","external_id","error_message"}]}]}.
type Report struct {
	Jobs []JobReport `json:"jobs"`
}

// JobReport is one job of a Report.
type JobReport struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Status  JobStatus      `json:"status"`
	Actions []ActionReport `json:"actions"`
	// Total is how many actions the status filter matched, set (and
	// printed) only when the actions are filtered or a page of them.
	Total int `json:"total_actions,omitempty"`
}

// ActionReport is one action of a JobReport.
type ActionReport struct {
	Number       int          `json:"number"`
	NominalTime  string       `json:"nominal_time"`
	Status       ActionStatus `json:"status"`
	ExternalID   string       `json:"external_id"`
	ErrorMessage string       `json:"error_message"`
}

// Status reports job id with its actions in number order, or every job
// (oldest first) when id is "". An unknown id wraps ErrNotFound. It reads a
// consistent snapshot and walks the (job_id, action_number) unique index.
func (s *Store) Status(ctx context.Context, id string) (Report, error) {
	return s.StatusPage(ctx, id, Page{})
}

// Page selects a window of each job's actions, as Oozie's -offset and -len:
// Offset is the first action number shown (1-based; 0 means 1), Len how
// many at most (0: all). Action numbers run 1, 2, 3 … without gaps, so a
// page is one range scan of the (job_id, action_number) index, however
// far into a large job it starts.
type Page struct {
	Offset, Len int
}

// StatusPage is Status showing only page of each job's actions.
func (s *Store) StatusPage(ctx context.Context, id string, page Page) (Report, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.backend == PostgreSQL {
		opts.Isolation = sql.LevelRepeatableRead // one snapshot for every statement
	}
	tx, err := s.r.BeginTx(ctx, opts)
	if err != nil {
		return Report{}, fmt.Errorf("status: %w", err)
	}
	defer tx.Rollback()
	rd := &Tx{q: tx, now: s.now, backend: s.backend}
	var jobs []Job
	if id == "" {
		jobs, err = rd.ListJobs(ctx)
	} else {
		var j Job
		j, err = rd.GetJob(ctx, id)
		jobs = []Job{j}
	}
	if err != nil {
		return Report{}, err
	}
	rep := Report{Jobs: make([]JobReport, 0, len(jobs))}
	for _, j := range jobs {
		n := j.LastActionNumber
		if page.Len > 0 {
			n = min(n, page.Len)
		}
		jr := JobReport{ID: j.ID, Name: j.AppName, Status: j.Status, Actions: make([]ActionReport, 0, n)}
		tail, args := ` AND action_number >= ? ORDER BY action_number`, []any{max(page.Offset, 1)}
		if page.Len > 0 {
			tail, args = tail+` LIMIT ?`, append(args, page.Len)
		}
		if err := rd.actionReports(ctx, j.ID, &jr, tail, args...); err != nil {
			return Report{}, err
		}
		rep.Jobs = append(rep.Jobs, jr)
	}
	return rep, nil
}

// actionReports reads a job's actions for Status. Each row comes back as
// one text value, fields separated by the ASCII unit separator (error_message
// last, so it may contain anything): with modernc.org/sqlite every column
// read costs three locked calls into SQLite, and one column instead of five
// keeps a 100,000-action report under 100 ms.
// tail follows "WHERE job_id = ?" (more conditions, the order, a limit),
// with its arguments.
func (t *Tx) actionReports(ctx context.Context, job string, jr *JobReport, tail string, args ...any) error {
	sep := "char(31)"
	if t.backend == PostgreSQL {
		sep = "chr(31)"
	}
	rows, err := t.q.QueryContext(ctx, `SELECT CAST(action_number AS TEXT) || `+sep+` || nominal_time || `+sep+` ||
		status || `+sep+` || COALESCE(external_id, '') || `+sep+` || COALESCE(error_message, '')
		FROM coord_actions WHERE job_id = ?`+tail, append([]any{job}, args...)...)
	if err != nil {
		return fmt.Errorf("status of %s: %w", job, err)
	}
	defer rows.Close()
	var row string
	for rows.Next() {
		if err := rows.Scan(&row); err != nil {
			return fmt.Errorf("status of %s: %w", job, err)
		}
		a, ok := parseReportRow(row)
		if !ok {
			return fmt.Errorf("status of %s: unexpected row %q", job, row)
		}
		jr.Actions = append(jr.Actions, a)
	}
	return rows.Err()
}

// parseReportRow splits a row of actionReports.
func parseReportRow(row string) (ActionReport, bool) {
	var a ActionReport
	num, row, ok1 := strings.Cut(row, "\x1f")
	nominal, row, ok2 := strings.Cut(row, "\x1f")
	status, row, ok3 := strings.Cut(row, "\x1f")
	ext, msg, ok4 := strings.Cut(row, "\x1f")
	n, err := strconv.Atoi(num)
	if !ok1 || !ok2 || !ok3 || !ok4 || err != nil {
		return a, false
	}
	return ActionReport{Number: n, NominalTime: nominal, Status: ActionStatus(status), ExternalID: ext, ErrorMessage: msg}, true
}
