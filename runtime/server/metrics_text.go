package server

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// exposition collects metric families and writes them in Prometheus' text
// format (version 0.0.4).
type exposition struct {
	families []*family
}

// family is one metric family: its name, type, help text and samples.
type family struct {
	name, typ, help string
	samples         bytes.Buffer
}

// family starts a family and returns the buffer its sample lines go to. A
// family with no samples is left out.
func (e *exposition) family(name, typ, help string) *bytes.Buffer {
	f := &family{name: name, typ: typ, help: help}
	e.families = append(e.families, f)
	return &f.samples
}

// writeTo writes the families in order of name, each with its HELP and
// TYPE lines.
func (e *exposition) writeTo(w io.Writer) {
	sort.SliceStable(e.families, func(i, j int) bool { return e.families[i].name < e.families[j].name })
	for _, f := range e.families {
		if f.samples.Len() == 0 {
			continue
		}
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, helpEscaper.Replace(f.help), f.name, f.typ)
		w.Write(f.samples.Bytes())
	}
}

// histogram counts observations in buckets of upper bounds.
type histogram struct {
	bounds []float64
	counts []uint64 // counts[i]: observations in (bounds[i-1], bounds[i]]; the last: above every bound
	sum    float64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)}
}

// observe records one observation.
func (h *histogram) observe(v float64) {
	h.counts[sort.SearchFloat64s(h.bounds, v)]++
	h.sum += v
}

// write writes the histogram's samples (cumulative buckets, sum and
// count) as name with labels (`route="x"`, or "").
func (h *histogram) write(w io.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var n uint64
	for i, b := range h.bounds {
		n += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s%sle=%q} %d\n", name, labels, sep, formatFloat(b), n)
	}
	n += h.counts[len(h.bounds)]
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, n)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", name, labels, formatFloat(h.sum), name, labels, n)
}

// exponentialBuckets returns n upper bounds from start, each factor times
// the one before.
func exponentialBuckets(start, factor float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start
		start *= factor
	}
	return out
}

// labelValue quotes v as a label value of the text format.
func labelValue(v string) string { return `"` + labelEscaper.Replace(v) + `"` }

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

// formatFloat writes v as the text format does (+Inf, -Inf, NaN, or Go's
// shortest representation).
func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
