package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

func jobsCommand() *cli.Command {
	return &cli.Command{
		Name:      "jobs",
		Usage:     "list the coordinator jobs (or the bundle jobs) of the state database",
		ArgsUsage: "[--jobtype coordinator|bundle] [--filter 'name=N;status=S;user=U'] [-o text|json]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "jobtype", Value: "coordinator", Usage: "`TYPE` of the jobs listed: coordinator or bundle (Oozie's -jobtype)"},
			&cli.StringFlag{Name: "filter", Usage: "only the jobs matching `TERMS`: name=, status=, user=, id= (';' between terms; a name repeated matches any of its values)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text or json"},
		),
		Action: runJobs,
	}
}

// jobsJSON is the document of `coordc jobs -o json`
// (schemas/jobs.v1.schema.json).
type jobsJSON struct {
	Jobs []jobJSON `json:"jobs"`
}

type jobJSON struct {
	Actions          int     `json:"actions"`
	End              string  `json:"end"`
	Frequency        string  `json:"frequency"`
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	NextMaterialized *string `json:"next_materialized"`
	Start            string  `json:"start"`
	Status           string  `json:"status"`
	TimeUnit         string  `json:"time_unit"`
}

func runJobs(c *cli.Context) error {
	pos := c.Args().Slice()
	format := c.String("output")
	if format != "text" && format != "json" {
		return usagef("jobs: unknown output format %q (text or json)", format)
	}
	if len(pos) != 0 {
		return usagef("jobs: takes no arguments (see coordc status JOB for one job)")
	}
	filter, err := state.ParseJobFilter(c.String("filter"))
	if err != nil {
		return usagef("jobs: --filter: %v", err)
	}
	switch c.String("jobtype") {
	case "coordinator", "coord":
	case "bundle":
		return runBundleJobs(c, filter, format)
	default:
		return usagef("jobs: --jobtype %q: coordinator or bundle", c.String("jobtype"))
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	var all []state.Job
	if cl != nil {
		if all, err = cl.Jobs(c.Context); err != nil {
			return remoteError(err)
		}
	} else {
		st, err := openExisting(c)
		if err != nil {
			return err
		}
		defer st.Close()
		if all, err = st.ListJobs(c.Context); err != nil {
			return withCode(exitInternal, err)
		}
	}
	jobs := all[:0]
	for _, j := range all {
		if filter.Match(j) {
			jobs = append(jobs, j)
		}
	}
	if format == "json" {
		return writeJobsJSON(c.App.Writer, jobs)
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB ID\tNAME\tSTATUS\tACTIONS\tFREQUENCY\tSTART\tEND\tNEXT MATERIALIZED")
	for _, j := range jobs {
		next := "-"
		if !j.NextMatdTime.IsZero() && !j.DoneMaterialization {
			next = state.FormatTime(j.NextMatdTime)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s %s\t%s\t%s\t%s\n", j.ID, j.AppName, j.Status, j.LastActionNumber,
			j.Frequency, j.TimeUnit, state.FormatTime(j.Start), state.FormatTime(j.End), next)
	}
	if err := tw.Flush(); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show a coordinator job (or every job) with its actions, or a bundle job with its coordinator jobs",
		ArgsUsage: "[JOB | JOB@N] [--filter F] [--len N] [--offset N] [--order asc|desc] [--verbose] [-o text|json]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text or json"},
			showSecretsFlag(),
			&cli.StringFlag{Name: "filter", Usage: "only the actions matching `TERMS`: status=S, status!=S, nominaltime>=T, nominaltime<=T (';' between terms)"},
			&cli.IntFlag{Name: "len", Value: state.DefaultActionsLen, Usage: "show at most `N` actions per job (0: all)"},
			&cli.IntFlag{Name: "offset", Value: 1, Usage: "start at the `N`th matching action (1-based)"},
			&cli.StringFlag{Name: "order", Value: "asc", Usage: "action `ORDER`: asc (oldest first) or desc"},
			&cli.BoolFlag{Name: "verbose", Usage: "more columns per action (created, run, external status, error code, missing inputs)"},
			&cli.BoolFlag{Name: "definition", Usage: "show the definition files and properties stored with JOB instead of its actions"},
		),
		Action: runStatus,
	}
}

func runStatus(c *cli.Context) error {
	pos := c.Args().Slice()
	format := c.String("output")
	if format != "text" && format != "json" {
		return usagef("status: unknown output format %q (text or json)", format)
	}
	if len(pos) > 1 {
		return usagef("status: give at most one JOB id")
	}
	job := ""
	if len(pos) == 1 {
		job = pos[0]
	}
	if state.IsBundleID(job) {
		return runBundleStatus(c, job, format)
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if c.Bool("definition") && job == "" {
		return usagef("status: --definition needs a JOB id")
	}
	if c.Bool("definition") && cl != nil {
		return usagef("status: --definition works on a state database, not through --server")
	}
	if strings.Contains(job, "@") {
		return runActionStatus(c, cl, job, format)
	}
	f, err := statusFilter(c)
	if err != nil {
		return err
	}
	var src statusSource
	var rep state.Report
	pol := secretPolicy(c, nil)
	if cl != nil {
		// The server pages, filters and masks as below.
		q := server.StatusQuery{Filter: c.String("filter"), Offset: f.Offset, Len: f.Len, Desc: f.Desc}
		if rep, err = cl.Status(c.Context, job, q); err != nil {
			return remoteError(err)
		}
		src = cl
	} else {
		st, err := openExisting(c)
		if err != nil {
			return err
		}
		defer st.Close()
		if c.Bool("definition") {
			return showDefinition(c, st, job, format)
		}
		rep, err = statusReport(c, st, job, f, pol)
		if err != nil {
			return opError(err)
		}
		src = st
	}
	// Total is shown when the actions were filtered or paged on purpose,
	// or when the default page does not hold them all.
	explicit := c.IsSet("filter") || c.IsSet("offset") || c.IsSet("order") || c.IsSet("len")
	for i := range rep.Jobs {
		if !explicit && rep.Jobs[i].Total <= len(rep.Jobs[i].Actions) {
			rep.Jobs[i].Total = 0
		}
	}
	w := bufio.NewWriterSize(c.App.Writer, 64<<10)
	switch {
	case format == "json":
		err = writeStatusJSON(w, rep)
	case c.Bool("verbose"):
		err = writeStatusVerbose(c.Context, w, src, rep, f, pol)
	default:
		err = writeStatusText(w, rep)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		if cl != nil {
			return remoteError(err)
		}
		return withCode(exitInternal, err)
	}
	return nil
}

// statusSource is where status reads the rows of --verbose: the state
// database or a coordc server (--server).
type statusSource interface {
	GetJob(ctx context.Context, id string) (state.Job, error)
	ActionsByNumber(ctx context.Context, job string, numbers []int) ([]state.Action, error)
}

// statusReport is the report of status on the state database: a page of
// each job's matching actions, their count in Total, secret values masked
// (with pol, which learns every job's secret properties) as the server
// masks them.
func statusReport(c *cli.Context, st *state.Store, job string, f state.ActionFilter, pol *redact.Policy) (state.Report, error) {
	rep, totals, err := st.FilteredStatus(c.Context, job, f)
	if err != nil {
		return rep, err
	}
	for i := range rep.Jobs {
		rep.Jobs[i].Total = totals[i]
	}
	if pol != nil {
		if jobs, err := st.ListJobs(c.Context); err == nil {
			for _, j := range jobs {
				pol.AddJSON(j.Conf)
			}
		}
	}
	server.MaskReport(&rep, pol)
	return rep, nil
}

// writeStatusText prints each job as a header and a table of its actions,
// as `oozie job -info` does.
func writeStatusText(w io.Writer, rep state.Report) error {
	if len(rep.Jobs) == 0 {
		_, err := fmt.Fprintln(w, "no jobs")
		return err
	}
	for i, j := range rep.Jobs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Job ID : %s\nName   : %s\nStatus : %s\n\n", j.ID, j.Name, j.Status)
		if err := writeActionTable(w, j.Actions); err != nil {
			return err
		}
		writePageNote(w, j)
	}
	return nil
}

// oneLine flattens a message for a table cell.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// dash stands in for an empty table cell.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeStatusJSON writes rep exactly as json.Encoder would (one line, HTML
// characters escaped; the slices non-nil, as Store.Status makes them),
// without reflection: on a 100,000-action job the
// encoder's reflection costs a fifth of the command's time.
func writeStatusJSON(w io.Writer, rep state.Report) error {
	buf := make([]byte, 0, 64<<10)
	flush := func() error {
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	buf = append(buf, `{"jobs":[`...)
	for i, j := range rep.Jobs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"id":`...)
		buf = appendJSONString(buf, j.ID)
		buf = append(buf, `,"name":`...)
		buf = appendJSONString(buf, j.Name)
		buf = append(buf, `,"status":`...)
		buf = appendJSONString(buf, string(j.Status))
		buf = append(buf, `,"actions":[`...)
		for k, a := range j.Actions {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"number":`...)
			buf = strconv.AppendInt(buf, int64(a.Number), 10)
			buf = append(buf, `,"nominal_time":`...)
			buf = appendJSONString(buf, a.NominalTime)
			buf = append(buf, `,"status":`...)
			buf = appendJSONString(buf, string(a.Status))
			buf = append(buf, `,"external_id":`...)
			buf = appendJSONString(buf, a.ExternalID)
			buf = append(buf, `,"error_message":`...)
			buf = appendJSONString(buf, a.ErrorMessage)
			buf = append(buf, '}')
			if len(buf) > 60<<10 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		buf = append(buf, ']')
		if j.Total != 0 {
			buf = append(buf, `,"total_actions":`...)
			buf = strconv.AppendInt(buf, int64(j.Total), 10)
		}
		buf = append(buf, '}')
	}
	buf = append(buf, "]}\n"...)
	return flush()
}

// appendJSONString appends s as encoding/json quotes it: plain ASCII as
// is, anything else through json.Marshal.
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(buf, q...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// showDefinition prints what is stored with a job to run it anywhere: its
// properties (the resolved configuration) and definition files.
func showDefinition(c *cli.Context, st *state.Store, id, format string) error {
	j, err := st.GetJob(c.Context, id)
	if err != nil {
		return opError(err)
	}
	var props map[string]string
	var files map[string]string
	if err := json.Unmarshal([]byte(j.Conf), &props); err != nil {
		return withCode(exitInternal, fmt.Errorf("job %s: stored properties: %w", id, err))
	}
	if j.Definition != "" {
		if err := json.Unmarshal([]byte(j.Definition), &files); err != nil {
			return withCode(exitInternal, fmt.Errorf("job %s: stored definition: %w", id, err))
		}
	}
	w := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		err = json.NewEncoder(w).Encode(struct {
			ID             string            `json:"id"`
			AppPath        string            `json:"app_path"`
			DefinitionHash string            `json:"definition_hash"`
			Properties     map[string]string `json:"properties"`
			Files          map[string]string `json:"files"`
		}{j.ID, j.AppPath, j.DefinitionHash, props, files})
	} else {
		fmt.Fprintf(w, "Job ID     : %s\nDefinition : %s\nHash       : %s\n", j.ID, j.AppPath, j.DefinitionHash)
		if files == nil {
			fmt.Fprintln(w, "(submitted before definitions were stored: the job is loaded from the file)")
		}
		fmt.Fprintln(w, "\n--- properties")
		for _, k := range slices.Sorted(maps.Keys(props)) {
			fmt.Fprintf(w, "%s=%s\n", k, props[k])
		}
		for _, path := range slices.Sorted(maps.Keys(files)) {
			fmt.Fprintf(w, "\n--- %s\n%s", path, files[path])
			if !strings.HasSuffix(files[path], "\n") {
				fmt.Fprintln(w)
			}
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// writeJobsJSON prints the document of `coordc jobs -o json`.
func writeJobsJSON(w io.Writer, jobs []state.Job) error {
	doc := jobsJSON{Jobs: []jobJSON{}}
	for _, j := range jobs {
		jj := jobJSON{Actions: j.LastActionNumber, End: state.FormatTime(j.End), Frequency: j.Frequency, ID: j.ID, Name: j.AppName,
			Start: state.FormatTime(j.Start), Status: string(j.Status), TimeUnit: j.TimeUnit}
		if !j.NextMatdTime.IsZero() && !j.DoneMaterialization {
			next := state.FormatTime(j.NextMatdTime)
			jj.NextMaterialized = &next
		}
		doc.Jobs = append(doc.Jobs, jj)
	}
	if err := json.NewEncoder(w).Encode(doc); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}
