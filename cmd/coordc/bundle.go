package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

// Bundle jobs in the ops commands: `coordc jobs --jobtype bundle` and
// `coordc status BUNDLE` (Oozie's `oozie jobs -jobtype bundle` and `oozie
// job -info BUNDLE`). kill, suspend, resume, change and rerun take a bundle
// ID as they take a coordinator job's (runtime/scheduler dispatches).

// bundlesJSON is the document of `coordc jobs --jobtype bundle -o json` and
// `coordc status BUNDLE -o json` (schemas/bundles.v1.schema.json).
type bundlesJSON struct {
	Bundles []bundleJSON `json:"bundles"`
}

// bundleJSON is one bundle job of a bundlesJSON.
type bundleJSON struct {
	Coordinators []bundleCoordJSON `json:"coordinators"`
	Created      string            `json:"created"`
	End          *string           `json:"end"`
	ID           string            `json:"id"`
	Kickoff      string            `json:"kickoff"`
	Name         string            `json:"name"`
	Path         string            `json:"path"`
	Pause        *string           `json:"pause"`
	Started      *string           `json:"started"`
	Status       string            `json:"status"`
	User         *string           `json:"user"`
}

// bundleCoordJSON is one coordinator entry of a bundle job.
type bundleCoordJSON struct {
	Actions  int    `json:"actions"`
	Critical bool   `json:"critical"`
	End      string `json:"end"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	Start    string `json:"start"`
	Status   string `json:"status"`
}

// timeOrNull is t formatted, nil for the zero time.
func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := state.FormatTime(t)
	return &s
}

// bundleDoc is the JSON of a bundle report.
func bundleDoc(r state.BundleReport) bundleJSON {
	b := r.Bundle
	doc := bundleJSON{Coordinators: []bundleCoordJSON{}, Created: state.FormatTime(b.Created),
		End: timeOrNull(b.End), ID: b.ID, Kickoff: state.FormatTime(b.KickOff), Name: b.AppName,
		Path: b.AppPath, Pause: timeOrNull(b.PauseTime), Started: timeOrNull(b.Start), Status: string(b.Status)}
	if b.User != "" {
		doc.User = &b.User
	}
	for _, e := range r.Entries {
		cj := bundleCoordJSON{Actions: e.Actions, Critical: e.Critical, ID: e.CoordID, Name: e.Name, Status: string(e.Status)}
		if !e.Start.IsZero() {
			cj.Start, cj.End = state.FormatTime(e.Start), state.FormatTime(e.End)
		}
		doc.Coordinators = append(doc.Coordinators, cj)
	}
	return doc
}

// bundleReports reads the reports of one bundle job (id) or every one (id
// ""), from the state database or through --server.
func bundleReports(c *cli.Context, id string) ([]state.BundleReport, error) {
	cl, err := remoteClient(c)
	if err != nil {
		return nil, err
	}
	if cl != nil {
		reps, err := cl.Bundles(c.Context, id)
		if err != nil {
			return nil, remoteError(err)
		}
		return reps, nil
	}
	st, err := openExisting(c)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	reps, err := st.BundleReports(c.Context, id)
	if err != nil {
		return nil, opError(err)
	}
	return reps, nil
}

// runBundleJobs is `coordc jobs --jobtype bundle`: the bundle jobs, oldest
// first, filtered by the same terms as coordinator jobs.
func runBundleJobs(c *cli.Context, filter state.JobFilter, format string) error {
	reps, err := bundleReports(c, "")
	if err != nil {
		return err
	}
	docs := []bundleJSON{}
	for _, r := range reps {
		b := r.Bundle
		if filter.Match(state.Job{ID: b.ID, AppName: b.AppName, Status: b.Status, User: b.User}) {
			docs = append(docs, bundleDoc(r))
		}
	}
	if format == "json" {
		return encodeJSON(c.App.Writer, bundlesJSON{Bundles: docs})
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BUNDLE ID\tNAME\tSTATUS\tKICKOFF\tCREATED\tUSER\tCOORDINATORS")
	for _, d := range docs {
		user := "-"
		if d.User != nil {
			user = *d.User
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", d.ID, d.Name, d.Status, d.Kickoff, d.Created, user, len(d.Coordinators))
	}
	if err := tw.Flush(); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// runBundleStatus is `coordc status BUNDLE`: the bundle job and its
// coordinator jobs (`coordc status COORD-JOB` shows one's actions).
func runBundleStatus(c *cli.Context, id, format string) error {
	reps, err := bundleReports(c, id)
	if err != nil {
		return err
	}
	if len(reps) != 1 {
		return withCode(exitInternal, fmt.Errorf("status: %d reports for bundle job %s", len(reps), id))
	}
	doc := bundleDoc(reps[0])
	if format == "json" {
		return encodeJSON(c.App.Writer, bundlesJSON{Bundles: []bundleJSON{doc}})
	}
	return writeBundleText(c.App.Writer, doc)
}

func writeBundleText(w io.Writer, d bundleJSON) error {
	or := func(s *string) string {
		if s == nil {
			return "-"
		}
		return *s
	}
	fmt.Fprintf(w, "Bundle %s  %s  %s\n", d.ID, d.Name, d.Status)
	fmt.Fprintf(w, "  kick-off %s  started %s  end %s  pause %s  created %s\n", d.Kickoff, or(d.Started), or(d.End), or(d.Pause), d.Created)
	fmt.Fprintf(w, "  definition %s\n", d.Path)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COORDINATOR\tJOB ID\tSTATUS\tACTIONS\tSTART\tEND")
	for _, c := range d.Coordinators {
		name := c.Name
		if c.Critical {
			name += " (critical)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", name, c.ID, c.Status, c.Actions, c.Start, c.End)
	}
	if err := tw.Flush(); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// encodeJSON prints v as one JSON document.
func encodeJSON(w io.Writer, v any) error {
	if err := json.NewEncoder(w).Encode(v); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// rerunBundle is rerun of a bundle job: --coordinator and/or --date (one
// at least, as Oozie requires); --action does not apply. It runs on the
// state database or through --server (bundle-rerun).
func rerunBundle(c *cli.Context) error {
	id := c.Args().First()
	if c.IsSet("action") {
		return usagef("rerun: a bundle job is rerun by --coordinator and --date, not --action")
	}
	if !c.IsSet("coordinator") && !c.IsSet("date") {
		return usagef("rerun: give --coordinator NAMES or --date SCOPE for a bundle job")
	}
	var sel scheduler.BundleRerun
	if c.String("coordinator") != "" {
		sel.Coordinators = strings.Split(c.String("coordinator"), ",")
	}
	if c.String("date") != "" {
		ranges, err := scheduler.ParseDates(c.String("date"))
		if err != nil {
			return usagef("rerun: --date: %v", err)
		}
		sel.Dates = ranges
	}
	opts := scheduler.RerunOptions{Refresh: c.Bool("refresh"), NoCleanup: c.Bool("nocleanup")}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl != nil {
		if err := cl.RerunBundle(c.Context, id, sel, opts); err != nil {
			return remoteError(err)
		}
	} else if err := withLocalScheduler(c, func(s *scheduler.Scheduler) error { return s.RerunBundle(c.Context, id, sel, opts) }); err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, "bundle job "+id+" rerun")
	return nil
}
