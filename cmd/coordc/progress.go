package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/coordc/coordc/runtime/state"
)

// progressWidth caps the progress line, so that it fits an 80-column
// terminal without wrapping (a wrapped line cannot be erased with \r).
const progressWidth = 79

// eraseLine moves to the start of the line and clears it (ANSI).
const eraseLine = "\r\x1b[K"

// progress is apply's one-line live status on a terminal. It is also the
// log writer: a log line first erases the status line, then the status line
// is drawn again below it, so logs and status never mix. When the writer is
// not a terminal it passes logs through and shows nothing.
type progress struct {
	mu   sync.Mutex
	w    io.Writer
	tty  bool
	line string
}

func newProgress(w io.Writer) *progress { return &progress{w: w, tty: isTerminal(w)} }

// isTerminal reports whether w is a character device (a terminal) without
// depending on a terminal library.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Write writes a log record above the status line.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		io.WriteString(p.w, eraseLine)
	}
	n, err := p.w.Write(b)
	if p.line != "" {
		io.WriteString(p.w, p.line)
	}
	return n, err
}

// set replaces the status line (terminal only).
func (p *progress) set(line string) {
	if !p.tty {
		return
	}
	if r := []rune(line); len(r) > progressWidth {
		line = string(r[:progressWidth-1]) + "…"
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line = line
	io.WriteString(p.w, eraseLine+line)
}

// clear erases the status line for good.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		io.WriteString(p.w, eraseLine)
		p.line = ""
	}
}

// progressLine formats the status line: counts per action status in
// Oozie's order, then the first running actions.
func progressLine(jobs int, counts map[state.ActionStatus]int, running []string) string {
	var parts []string
	for _, s := range state.ActionStatuses {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no actions yet"}
	}
	line := fmt.Sprintf("%s: %s", countOf(jobs, "job"), strings.Join(parts, ", "))
	if len(running) > 0 {
		line += " | running " + strings.Join(running, " ")
	}
	return line
}
