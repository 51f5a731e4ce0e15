package actionlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/state"
)

// Write prints every run of one action: its workflow job, each
// node entered, and for nodes that ran a process the launcher's exit record,
// stdout and stderr.
func Write(ctx context.Context, w io.Writer, st *state.Store, actionID string) error {
	a, err := st.GetAction(ctx, actionID)
	if err != nil {
		return err
	}
	runs, err := Runs(ctx, st.ReadDB(), actionID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "==> action %s (nominal time %s): %s\n", a.ID, state.FormatTime(a.Nominal), a.Status)
	if a.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(a.ErrorCode), a.ErrorMessage)
	}
	if len(runs) == 0 {
		fmt.Fprintln(w, "    no workflow has run yet")
	}
	for _, r := range runs {
		fmt.Fprintf(w, "==> workflow %s (%s, run %d): %s\n", r.ID, r.AppName, r.Run, r.Status)
		for _, n := range r.Nodes {
			writeNode(w, r, n)
		}
	}
	return nil
}

func writeNode(w io.Writer, r Run, n Node) {
	line := fmt.Sprintf("--> %s (%s): %s", n.Name, n.Type, n.Status)
	if n.Transition != "" {
		line += " → " + n.Transition
	}
	if n.Start != "" {
		line += fmt.Sprintf(", %s – %s", n.Start, dash(n.End))
	}
	fmt.Fprintln(w, line)
	if n.ErrorCode != "" || n.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(n.ErrorCode), n.ErrorMessage)
	}
	if r.Dir == "" {
		return
	}
	dir := filepath.Join(r.Dir, n.Name)
	exit, err := os.ReadFile(filepath.Join(dir, launch.ExitFile))
	if errors.Is(err, os.ErrNotExist) && n.Type != "shell" {
		return // a node that ran no process
	}
	fmt.Fprintf(w, "    launcher: process %s, directory %s, exit record %q\n", dash(n.ExternalID), dir, strings.TrimSpace(string(exit)))
	for _, f := range []string{launch.StdoutFile, launch.StderrFile} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(w, "--- %s: none\n", f)
		case err != nil:
			fmt.Fprintf(w, "--- %s: %v\n", f, err)
		default:
			fmt.Fprintf(w, "--- %s (%d bytes)\n", f, len(data))
			w.Write(data)
			if len(data) > 0 && data[len(data)-1] != '\n' {
				fmt.Fprintln(w)
			}
		}
	}
}

// dash stands in for an empty field.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
