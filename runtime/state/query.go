package state

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultActionsLen is how many actions a job's status shows when no length
// is given (Oozie's oozie.coord.actions.default.length).
const DefaultActionsLen = 1000

// ActionFilter selects and pages a job's actions as Oozie's `job -info`
// options do (-filter, -offset, -len, -order).
type ActionFilter struct {
	// Statuses keeps the actions in one of them (status=X;status=Y); empty
	// keeps all.
	Statuses []ActionStatus
	// NotStatuses drops the actions in one of them (status!=X).
	NotStatuses []ActionStatus
	// NominalFrom and NominalTo bound the nominal time, both inclusive;
	// zero is unbounded (nominaltime>=T, nominaltime<=T; > and < move the
	// bound by a second, the stored precision).
	NominalFrom, NominalTo time.Time
	// Offset is the 1-based position of the first action shown (0 means 1).
	Offset int
	// Len is how many actions are shown; 0 shows all.
	Len int
	// Desc orders by action number descending (-order desc).
	Desc bool
}

// IsZero reports whether f selects every action in number order.
func (f ActionFilter) IsZero() bool {
	return len(f.Statuses) == 0 && len(f.NotStatuses) == 0 && f.NominalFrom.IsZero() && f.NominalTo.IsZero() &&
		f.Offset <= 1 && f.Len == 0 && !f.Desc
}

// ParseActionFilter reads Oozie's -info filter: terms separated by ';',
// status=S, status!=S (S one of the action statuses), and nominaltime with
// >=, <=, > or < and a UTC time (yyyy-MM-ddTHH:mmZ). Names are
// case-insensitive; several status= terms are alternatives.
func ParseActionFilter(s string) (ActionFilter, error) {
	var f ActionFilter
	for _, term := range strings.Split(s, ";") {
		term = strings.TrimSpace(term)
		if term == "" {
			continue
		}
		name, op, val, ok := splitTerm(term)
		if !ok {
			return ActionFilter{}, fmt.Errorf("filter term %q: want NAME=VALUE, NAME!=VALUE or nominaltime>=TIME", term)
		}
		switch strings.ToLower(name) {
		case "status":
			st := ActionStatus(strings.ToUpper(val))
			if !contains(ActionStatuses, st) {
				return ActionFilter{}, fmt.Errorf("filter term %q: %q is not an action status (%s)", term, val, joinStatuses(ActionStatuses))
			}
			switch op {
			case "=":
				f.Statuses = append(f.Statuses, st)
			case "!=":
				f.NotStatuses = append(f.NotStatuses, st)
			default:
				return ActionFilter{}, fmt.Errorf("filter term %q: status takes = or !=", term)
			}
		case "nominaltime":
			t, err := time.Parse("2006-01-02T15:04Z", val)
			if err != nil {
				return ActionFilter{}, fmt.Errorf("filter term %q: %q is not a UTC time yyyy-MM-ddTHH:mmZ", term, val)
			}
			switch op {
			case ">=":
				f.NominalFrom = t
			case ">":
				f.NominalFrom = t.Add(time.Second)
			case "<=":
				f.NominalTo = t
			case "<":
				f.NominalTo = t.Add(-time.Second)
			default:
				return ActionFilter{}, fmt.Errorf("filter term %q: nominaltime takes >=, <=, > or <", term)
			}
		default:
			return ActionFilter{}, fmt.Errorf("filter term %q: unknown name %q (status or nominaltime)", term, name)
		}
	}
	return f, nil
}

// splitTerm splits "name<op>value" at the first operator.
func splitTerm(term string) (name, op, val string, ok bool) {
	i := strings.IndexAny(term, "=!<>")
	if i <= 0 {
		return "", "", "", false
	}
	rest := term[i:]
	for _, o := range []string{"!=", ">=", "<=", "=", ">", "<"} {
		if strings.HasPrefix(rest, o) {
			return strings.TrimSpace(term[:i]), o, strings.TrimSpace(rest[len(o):]), true
		}
	}
	return "", "", "", false
}

func joinStatuses[T ~string](list []T) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// where renders f's conditions after "job_id = ?".
func (f ActionFilter) where() (string, []any) {
	var conds []string
	var args []any
	if len(f.Statuses) > 0 {
		c, a := inList("status", f.Statuses)
		conds, args = append(conds, c), append(args, a...)
	}
	if len(f.NotStatuses) > 0 {
		c, a := inList("status", f.NotStatuses)
		conds, args = append(conds, "NOT "+c), append(args, a...)
	}
	if !f.NominalFrom.IsZero() {
		conds, args = append(conds, "nominal_time >= ?"), append(args, FormatTime(f.NominalFrom))
	}
	if !f.NominalTo.IsZero() {
		conds, args = append(conds, "nominal_time <= ?"), append(args, FormatTime(f.NominalTo))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// JobStatusPage reports job id with the actions f selects, and how many
// actions match f before paging. It reads one snapshot.
func (s *Store) JobStatusPage(ctx context.Context, id string, f ActionFilter) (JobReport, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return JobReport{}, 0, fmt.Errorf("status: %w", err)
	}
	defer tx.Rollback()
	rd := &Tx{q: tx, now: s.now, backend: s.backend}
	j, err := rd.GetJob(ctx, id)
	if err != nil {
		return JobReport{}, 0, err
	}
	jr, total, err := rd.jobPage(ctx, j, f)
	return jr, total, err
}

// FilteredStatus is Status with every job's actions selected and paged by
// f, and how many actions of each job match f.
func (s *Store) FilteredStatus(ctx context.Context, id string, f ActionFilter) (Report, []int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Report{}, nil, fmt.Errorf("status: %w", err)
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
		return Report{}, nil, err
	}
	rep := Report{Jobs: make([]JobReport, 0, len(jobs))}
	totals := make([]int, 0, len(jobs))
	for _, j := range jobs {
		jr, total, err := rd.jobPage(ctx, j, f)
		if err != nil {
			return Report{}, nil, err
		}
		rep.Jobs, totals = append(rep.Jobs, jr), append(totals, total)
	}
	return rep, totals, nil
}

func (t *Tx) jobPage(ctx context.Context, j Job, f ActionFilter) (JobReport, int, error) {
	where, args := f.where()
	jr := JobReport{ID: j.ID, Name: j.AppName, Status: j.Status, Actions: []ActionReport{}}
	var total int
	if err := t.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM coord_actions WHERE job_id = ?`+where,
		append([]any{j.ID}, args...)...).Scan(&total); err != nil {
		return jr, 0, fmt.Errorf("status of %s: %w", j.ID, err)
	}
	if where == "" && !f.Desc && f.Offset > 1 {
		// Numbers run 1, 2, 3 … without gaps: a deep page is a range scan
		// of the (job_id, action_number) index, not an OFFSET walk.
		where, args, f.Offset = " AND action_number >= ?", []any{f.Offset}, 1
	}
	tail := where + " ORDER BY action_number"
	if f.Desc {
		tail += " DESC"
	}
	if f.Len > 0 {
		tail += " LIMIT " + strconv.Itoa(f.Len)
	}
	if f.Offset > 1 {
		if f.Len <= 0 {
			tail += " LIMIT " + strconv.Itoa(total)
		}
		tail += " OFFSET " + strconv.Itoa(f.Offset-1)
	}
	return jr, total, t.actionReports(ctx, j.ID, &jr, tail, args...)
}

// JobFilter selects jobs as Oozie's `jobs -filter` does: a job matches
// when, for every name given, it has one of that name's values.
type JobFilter struct {
	Names, Users, IDs []string
	Statuses          []JobStatus
}

// ParseJobFilter reads Oozie's jobs filter: terms name=…, status=…,
// user=… and id=… separated by ';' (names case-insensitive; a name given
// several times matches any of its values).
func ParseJobFilter(s string) (JobFilter, error) {
	var f JobFilter
	for _, term := range strings.Split(s, ";") {
		term = strings.TrimSpace(term)
		if term == "" {
			continue
		}
		name, val, ok := strings.Cut(term, "=")
		name, val = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(val)
		if !ok || name == "" || strings.HasSuffix(name, "!") {
			return JobFilter{}, fmt.Errorf("filter term %q: want NAME=VALUE", term)
		}
		switch name {
		case "name":
			f.Names = append(f.Names, val)
		case "user":
			f.Users = append(f.Users, val)
		case "id":
			f.IDs = append(f.IDs, val)
		case "status":
			st := JobStatus(strings.ToUpper(val))
			if !contains(JobStatuses, st) {
				return JobFilter{}, fmt.Errorf("filter term %q: %q is not a job status (%s)", term, val, joinStatuses(JobStatuses))
			}
			f.Statuses = append(f.Statuses, st)
		default:
			return JobFilter{}, fmt.Errorf("filter term %q: unknown name %q (name, status, user or id)", term, name)
		}
	}
	return f, nil
}

// Match reports whether j passes f.
func (f JobFilter) Match(j Job) bool {
	oneOf := func(vals []string, v string) bool { return len(vals) == 0 || contains(vals, v) }
	return oneOf(f.Names, j.AppName) && oneOf(f.Users, j.User) && oneOf(f.IDs, j.ID) &&
		(len(f.Statuses) == 0 || contains(f.Statuses, j.Status))
}
