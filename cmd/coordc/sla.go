package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/coordc/coordc/runtime/sla"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

func slaCommand() *cli.Command {
	return &cli.Command{
		Name:  "sla",
		Usage: "list the SLAs of coordinator actions, workflow jobs and workflow actions and their met and missed events (oozie sla)",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "filter", Usage: "Oozie's SLA `FILTER`: app_name=…;sla_status=MISS;nominal_after=2024-05-01T00:00Z …"},
			&cli.StringFlag{Name: "sortby", Value: "nominalTimeTS", Usage: "sort `FIELD` (Oozie's names: nominalTimeTS, expectedEndTS, slaStatus …)"},
			&cli.StringFlag{Name: "order", Value: "asc", Usage: "asc or desc"},
			&cli.IntFlag{Name: "len", Usage: "at most `N` SLAs (0: all)"},
			&cli.IntFlag{Name: "offset", Value: 1, Usage: "start at the `N`th SLA (1 is the first)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text or json"},
		),
		Action: runSLA,
	}
}

func runSLA(c *cli.Context) error {
	if c.Args().Len() != 0 {
		return usagef("sla: takes no arguments (filter with --filter id=JOB@N)")
	}
	format := c.String("output")
	if format != "text" && format != "json" {
		return usagef("sla: unknown output format %q (text or json)", format)
	}
	conds, err := sla.ParseFilter(c.String("filter"))
	if err != nil {
		return usagef("sla: %v", err)
	}
	col, ok := sla.SortNames[c.String("sortby")]
	if !ok {
		return usagef("sla: unknown --sortby %q", c.String("sortby"))
	}
	if o := c.String("order"); o != "asc" && o != "desc" {
		return usagef("sla: --order is asc or desc, not %q", o)
	}
	if c.Int("offset") < 1 || c.Int("len") < 0 {
		return usagef("sla: --offset starts at 1 and --len is not negative")
	}
	list, err := listSLAs(c, conds, col)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		msgs := make([]sla.Message, 0, len(list))
		for _, s := range list {
			msgs = append(msgs, sla.NewMessage(s, ""))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{"slaSummaryList": msgs})
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tAPP NAME\tNOMINAL\tEXPECTED START\tACTUAL START\tEXPECTED END\tACTUAL END\tSLA STATUS\tJOB STATUS\tEVENTS")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.AppName, sla.FormatTime(s.Nominal),
				dash(sla.FormatTime(s.ExpectedStart)), dash(sla.FormatTime(s.ActualStart)), dash(sla.FormatTime(s.ExpectedEnd)),
				dash(sla.FormatTime(s.ActualEnd)), s.Status, s.JobStatus, dash(s.EventStatus))
		}
		err = tw.Flush()
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// listSLAs reads the SLAs `coordc sla` prints, from the state database or,
// with --server, from the server's /coordc/v1/sla.
func listSLAs(c *cli.Context, conds []state.SLACondition, col string) ([]state.SLA, error) {
	desc := c.String("order") == "desc"
	cl, err := remoteClient(c)
	if err != nil {
		return nil, err
	}
	if cl != nil {
		list, err := cl.SLAs(c.Context, c.String("filter"), c.String("sortby"), desc, c.Int("offset"), c.Int("len"))
		if err != nil {
			return nil, remoteError(err)
		}
		return list, nil
	}
	st, err := openExisting(c)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	list, err := st.ListSLAs(c.Context, conds, col, desc, c.Int("offset")-1, c.Int("len"))
	if err != nil {
		return nil, withCode(exitInternal, err)
	}
	return list, nil
}
