package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

// statusFilter reads status's --filter, --len, --offset and --order
// (Oozie's job -info options).
func statusFilter(c *cli.Context) (state.ActionFilter, error) {
	f, err := state.ParseActionFilter(c.String("filter"))
	if err != nil {
		return f, usagef("status: --filter: %v", err)
	}
	if f.Len = c.Int("len"); f.Len < 0 {
		return f, usagef("status: --len must be 0 (all) or more")
	}
	if f.Offset = c.Int("offset"); f.Offset < 1 {
		return f, usagef("status: --offset counts from 1")
	}
	switch c.String("order") {
	case "asc":
	case "desc":
		f.Desc = true
	default:
		return f, usagef("status: --order is asc or desc, not %q", c.String("order"))
	}
	return f, nil
}

// writePageNote says, after a job's table, which part of its matching
// actions was shown when that is not all of them.
func writePageNote(w io.Writer, j state.JobReport) {
	if j.Total <= len(j.Actions) {
		return
	}
	if len(j.Actions) == 0 {
		fmt.Fprintf(w, "(none of the %d matching actions at this offset)\n", j.Total)
		return
	}
	fmt.Fprintf(w, "(%d of %d matching actions shown: --offset and --len page, --len 0 shows all)\n", len(j.Actions), j.Total)
}

// writeStatusVerbose is the text status with every column of the actions
// (Oozie's -info -verbose).
func writeStatusVerbose(ctx context.Context, w io.Writer, st statusSource, rep state.Report, f state.ActionFilter, pol *redact.Policy) error {
	if len(rep.Jobs) == 0 {
		_, err := fmt.Fprintln(w, "no jobs")
		return err
	}
	for i, jr := range rep.Jobs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		j, err := st.GetJob(ctx, jr.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Job ID       : %s\nName         : %s\nStatus       : %s\nPath         : %s\nUser         : %s\n", j.ID, j.AppName, j.Status, j.AppPath, dash(j.User))
		fmt.Fprintf(w, "Frequency    : %s %s (%s)\nStart        : %s\nEnd          : %s\nPause time   : %s\n", j.Frequency, j.TimeUnit, j.TimeZone,
			state.FormatTime(j.Start), state.FormatTime(j.End), dash(optTime(j.PauseTime)))
		fmt.Fprintf(w, "Concurrency  : %d\nThrottle     : %d\nTimeout      : %d\nExecution    : %s\nNext matd.   : %s\n\n", j.Concurrency, j.Throttle, j.Timeout, j.Execution,
			dash(optTime(j.NextMatdTime)))
		nums := make([]int, len(jr.Actions))
		for k, a := range jr.Actions {
			nums[k] = a.Number
		}
		acts, err := st.ActionsByNumber(ctx, jr.ID, nums)
		if err != nil {
			return err
		}
		if f.Desc {
			sort.Slice(acts, func(x, y int) bool { return acts[x].Number > acts[y].Number })
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NUMBER\tNOMINAL TIME\tCREATED\tSTATUS\tRUN\tEXTERNAL ID\tEXTERNAL STATUS\tERROR CODE\tERROR\tMISSING INPUTS")
		for _, a := range acts {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", a.Number, state.FormatTime(a.Nominal), state.FormatTime(a.Created),
				a.Status, a.Run, dash(a.ExternalID), dash(a.ExternalStatus), dash(a.ErrorCode), dash(oneLine(pol.Text(a.ErrorMessage))),
				dash(a.MissingDependencies))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		writePageNote(w, jr)
	}
	return nil
}

// optTime is t in the stored form, "" for the zero time.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return state.FormatTime(t)
}

// actionDetail is `coordc status JOB@N -o json`.
type actionDetail struct {
	ID                  string             `json:"id"`
	JobID               string             `json:"job_id"`
	Number              int                `json:"number"`
	Status              state.ActionStatus `json:"status"`
	NominalTime         string             `json:"nominal_time"`
	CreatedTime         string             `json:"created_time"`
	LastModifiedTime    string             `json:"last_modified_time"`
	Run                 int                `json:"run"`
	ExternalID          string             `json:"external_id"`
	ExternalStatus      string             `json:"external_status"`
	ErrorCode           string             `json:"error_code"`
	ErrorMessage        string             `json:"error_message"`
	MissingDependencies []string           `json:"missing_dependencies"`
	Conf                map[string]string  `json:"conf,omitempty"`
	Workflows           []workflowDetail   `json:"workflows"`
}

type workflowDetail struct {
	ID     string       `json:"id"`
	App    string       `json:"app_name"`
	Run    int          `json:"run"`
	Status string       `json:"status"`
	Nodes  []nodeDetail `json:"nodes"`
}

type nodeDetail struct {
	Name         string `json:"name"`
	Type         string `json:"type"`
	Status       string `json:"status"`
	Transition   string `json:"transition"`
	ExternalID   string `json:"external_id"`
	Start        string `json:"start_time"`
	End          string `json:"end_time"`
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
}

// runActionStatus prints one action, JOB@N (Oozie's job -info ACTION-ID):
// its times and errors, the inputs it still waits for, and each workflow
// run with its nodes; --verbose adds the resolved configuration and the
// launcher records with stdout and stderr. Through a server (cl not nil)
// the server reads the rows and the launcher records, masked.
func runActionStatus(c *cli.Context, cl *server.Client, id, format string) error {
	job, _, _ := strings.Cut(id, "@")
	ctx := c.Context
	verbose := c.Bool("verbose")
	pol := secretPolicy(c, nil)
	var ans server.ActionAnswer
	if cl != nil {
		var err error
		if ans, err = cl.Action(ctx, id, verbose); err != nil {
			return remoteError(err)
		}
	} else {
		st, err := openExisting(c)
		if err != nil {
			return err
		}
		defer st.Close()
		if ans.Action, err = st.GetAction(ctx, id); err != nil {
			return opError(err)
		}
		if j, err := st.GetJob(ctx, job); err == nil && pol != nil {
			pol.AddJSON(j.Conf)
		}
		if ans.Runs, err = actionlog.Runs(ctx, st.ReadDB(), id); err != nil {
			return withCode(exitInternal, err)
		}
		if verbose {
			for _, r := range ans.Runs {
				var texts []string
				for _, n := range r.Nodes {
					var buf bytes.Buffer
					actionlog.WriteNode(&buf, r, n, "")
					texts = append(texts, buf.String())
				}
				ans.Nodes = append(ans.Nodes, texts)
			}
		}
	}
	a := ans.Action
	d := actionDetail{ID: a.ID, JobID: a.JobID, Number: a.Number, Status: a.Status, NominalTime: state.FormatTime(a.Nominal),
		CreatedTime: state.FormatTime(a.Created), LastModifiedTime: state.FormatTime(a.LastModified), Run: a.Run,
		ExternalID: a.ExternalID, ExternalStatus: a.ExternalStatus, ErrorCode: a.ErrorCode, ErrorMessage: pol.Text(a.ErrorMessage),
		MissingDependencies: splitMissing(a.MissingDependencies), Workflows: []workflowDetail{}}
	if verbose && a.RunConf != "" {
		if err := json.Unmarshal([]byte(a.RunConf), &d.Conf); err == nil {
			for k, v := range d.Conf {
				d.Conf[k] = pol.Value(k, v)
			}
		}
	}
	for _, r := range ans.Runs {
		wd := workflowDetail{ID: r.ID, App: r.AppName, Run: r.Run, Status: r.Status, Nodes: []nodeDetail{}}
		for _, n := range r.Nodes {
			wd.Nodes = append(wd.Nodes, nodeDetail{Name: n.Name, Type: n.Type, Status: n.Status, Transition: n.Transition,
				ExternalID: n.ExternalID, Start: n.Start, End: n.End, ErrorCode: n.ErrorCode, ErrorMessage: pol.Text(n.ErrorMessage)})
		}
		d.Workflows = append(d.Workflows, wd)
	}
	w := redact.NewWriter(c.App.Writer, pol)
	var err error
	if format == "json" {
		err = json.NewEncoder(w).Encode(d)
	} else {
		err = writeActionDetail(w, d, ans.Runs, ans.Nodes, verbose)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// splitMissing lists the stored missing dependencies (Oozie separates
// them with '#').
func splitMissing(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, "#") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeActionDetail prints d; with verbose, nodes[i][k] is node k of
// run i as actionlog.WriteNode prints it.
func writeActionDetail(w io.Writer, d actionDetail, runs []actionlog.Run, nodes [][]string, verbose bool) error {
	fmt.Fprintf(w, "Action ID      : %s\nJob ID         : %s\nStatus         : %s\nNominal time   : %s\nCreated        : %s\nLast modified  : %s\nRun            : %d\n",
		d.ID, d.JobID, d.Status, d.NominalTime, d.CreatedTime, d.LastModifiedTime, d.Run)
	fmt.Fprintf(w, "External ID    : %s\nExternal status: %s\n", dash(d.ExternalID), dash(d.ExternalStatus))
	if d.ErrorCode != "" || d.ErrorMessage != "" {
		fmt.Fprintf(w, "Error          : %s %s\n", dash(d.ErrorCode), oneLine(d.ErrorMessage))
	}
	if len(d.MissingDependencies) > 0 {
		fmt.Fprintln(w, "Missing inputs :")
		for _, m := range d.MissingDependencies {
			fmt.Fprintln(w, "  "+m)
		}
	}
	if verbose && len(d.Conf) > 0 {
		fmt.Fprintln(w, "Configuration  :")
		keys := make([]string, 0, len(d.Conf))
		for k := range d.Conf {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s=%s\n", k, d.Conf[k])
		}
	}
	if len(runs) == 0 {
		_, err := fmt.Fprintln(w, "\nno workflow has run yet")
		return err
	}
	for i, r := range runs {
		fmt.Fprintf(w, "\nWorkflow %s (%s, run %d): %s\n", r.ID, r.AppName, r.Run, r.Status)
		if verbose {
			for k := range r.Nodes {
				if i < len(nodes) && k < len(nodes[i]) {
					io.WriteString(w, nodes[i][k])
				}
			}
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NODE\tTYPE\tSTATUS\tTRANSITION\tSTART\tEND\tERROR")
		for _, n := range r.Nodes {
			errText := ""
			if n.ErrorCode != "" || n.ErrorMessage != "" {
				errText = strings.TrimSpace(n.ErrorCode + " " + oneLine(n.ErrorMessage))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n.Name, n.Type, n.Status, dash(n.Transition), dash(n.Start), dash(n.End), dash(errText))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
