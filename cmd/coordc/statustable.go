package main

import (
	"bufio"
	"io"
	"strconv"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/coordc/coordc/runtime/state"
)

// writeActionTable writes the NUMBER … ERROR table of `coordc status`: the
// bytes text/tabwriter writes with padding 2 (each column as wide as its
// widest cell plus two spaces, the last column unpadded), computed in two
// passes over the actions without tabwriter's per-cell buffering, which
// costs more than the database read on a 100,000-action job. A cell holding
// a character tabwriter treats specially (tab, newline, vertical tab, form
// feed, its escape byte 0xff) sends the table through tabwriter itself.
func writeActionTable(w io.Writer, acts []state.ActionReport) error {
	header := [5]string{"NUMBER", "NOMINAL TIME", "STATUS", "EXTERNAL ID", "ERROR"}
	var width [4]int
	for i := range width {
		width[i] = len(header[i])
	}
	cells := func(a *state.ActionReport) [5]string {
		return [5]string{strconv.Itoa(a.Number), a.NominalTime, string(a.Status), dash(a.ExternalID), dash(oneLine(a.ErrorMessage))}
	}
	rows := make([][5]string, len(acts))
	for i := range acts {
		rows[i] = cells(&acts[i])
		for c, cell := range rows[i] {
			if special(cell) {
				return writeActionTabwriter(w, acts)
			}
			if c < len(width) {
				width[c] = max(width[c], utf8.RuneCountInString(cell))
			}
		}
	}
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	const spaces = "                                                                "
	line := func(row [5]string) {
		for c := range width {
			bw.WriteString(row[c])
			for pad := width[c] + 2 - utf8.RuneCountInString(row[c]); pad > 0; pad -= len(spaces) {
				bw.WriteString(spaces[:min(pad, len(spaces))])
			}
		}
		bw.WriteString(row[4])
		bw.WriteByte('\n')
	}
	line(header)
	for _, row := range rows {
		line(row)
	}
	if !ok {
		return bw.Flush()
	}
	return nil
}

// special reports whether s holds a byte text/tabwriter gives a meaning.
func special(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\v', '\f', tabwriter.Escape:
			return true
		}
	}
	return false
}

// writeActionTabwriter is writeActionTable through text/tabwriter.
func writeActionTabwriter(w io.Writer, acts []state.ActionReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	io.WriteString(tw, "NUMBER\tNOMINAL TIME\tSTATUS\tEXTERNAL ID\tERROR\n")
	for _, a := range acts {
		io.WriteString(tw, strconv.Itoa(a.Number)+"\t"+a.NominalTime+"\t"+string(a.Status)+"\t"+dash(a.ExternalID)+"\t"+dash(oneLine(a.ErrorMessage))+"\n")
	}
	return tw.Flush()
}
