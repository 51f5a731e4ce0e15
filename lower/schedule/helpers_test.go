package schedule

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

type vector struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Subkind  string          `json:"subkind"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected"`
	Unsure   bool            `json:"unsure"`
	Notes    string          `json:"notes"`
}

func loadVectors(t *testing.T, keep func(v vector) bool) []vector {
	t.Helper()
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var doc struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var out []vector
	for _, v := range doc.Vectors {
		if keep(v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		t.Fatal("no vectors selected")
	}
	return out
}

func tm(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := oozietime.ParseDateTime(s)
	if err != nil {
		t.Fatalf("bad time %q: %v", s, err)
	}
	return v
}

func zone(t testing.TB, id string) *time.Location {
	t.Helper()
	if id == "" {
		id = "UTC"
	}
	loc, _, err := oozietime.LoadZone(id)
	if err != nil {
		t.Fatalf("zone %q: %v", id, err)
	}
	return loc
}

var textLine atomic.Int64

// text builds a submitted ir.Text: the template parsed, the value known. Each
// text gets its own line of a pretend coord.xml so that positions differ.
func text(t testing.TB, raw string) *ir.Text {
	t.Helper()
	line := int(textLine.Add(1))
	start := hcl.Pos{Line: line, Column: 1, Byte: line * 1000}
	src := el.Plain("coord.xml", raw, start)
	tmpl, diags := el.ParseTemplate(src)
	if diags.HasErrors() {
		t.Fatalf("template %q: %v", raw, diags)
	}
	return &ir.Text{Raw: raw, Template: tmpl, Value: raw, Known: true, Range: src.Range(0, len(raw))}
}

var elFreq = regexp.MustCompile(`^\$\{coord:(\w+)\((\d+)\)\}$`)

// frequency decodes a vector frequency: a number with a time unit (the
// internal END_OF_DAY unit included), a cron expression, or an EL text such
// as ${coord:endOfDays(1)}.
func frequency(t testing.TB, f any, unit, eod string) ir.Frequency {
	t.Helper()
	s := ""
	switch v := f.(type) {
	case string:
		s = v
	case float64:
		s = strconv.Itoa(int(v))
	}
	if m := elFreq.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		u, e := map[string][2]string{
			"minutes": {"MINUTE", "NONE"}, "hours": {"MINUTE", "NONE"}, "days": {"DAY", "NONE"}, "months": {"MONTH", "NONE"},
			"endOfDays": {"DAY", "END_OF_DAY"}, "endOfWeeks": {"WEEK", "END_OF_WEEK"}, "endOfMonths": {"MONTH", "END_OF_MONTH"},
		}[m[1]][0], map[string]string{"endOfDays": "END_OF_DAY", "endOfWeeks": "END_OF_WEEK", "endOfMonths": "END_OF_MONTH"}[m[1]]
		if m[1] == "hours" {
			n *= 60
		}
		if e == "" {
			e = "NONE"
		}
		return ir.Frequency{Resolved: true, N: n, Unit: ir.TimeUnit(u), EndOf: ir.EndOf(e)}
	}
	if unit == "CRON" || strings.Contains(s, " ") {
		return ir.Frequency{Resolved: true, Unit: ir.UnitCron, Cron: s, EndOf: ir.EndOfNone}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("frequency %q", s)
	}
	switch unit {
	case "END_OF_DAY":
		return ir.Frequency{Resolved: true, N: n, Unit: ir.UnitDay, EndOf: ir.EndOfDay}
	case "END_OF_MONTH":
		return ir.Frequency{Resolved: true, N: n, Unit: ir.UnitMonth, EndOf: ir.EndOfMonth}
	case "":
		unit = "MINUTE"
	}
	switch eod {
	case "END_OF_DAY", "END_OF_WEEK", "END_OF_MONTH":
	default:
		eod = "NONE" // the vectors also write YEAR here for the internal YEAR unit
	}
	return ir.Frequency{Resolved: true, N: n, Unit: ir.TimeUnit(unit), EndOf: ir.EndOf(eod)}
}

func coordinator(t testing.TB, start, end, tz string, f ir.Frequency) *ir.Coordinator {
	t.Helper()
	c := &ir.Coordinator{
		Name:      text(t, "test-coord"),
		Frequency: f,
		Start:     ir.Instant{Resolved: true, Time: tm(t, start)},
		End:       ir.Instant{Resolved: true, Time: tm(t, end)},
		Params:    map[string]string{},
	}
	if tz == "" {
		tz = "UTC"
	}
	c.Timezone = ir.Zone{Resolved: true, ID: tz, Location: zone(t, tz)}
	return c
}

// dsSpec is a dataset as the vectors describe it.
type dsSpec struct {
	Frequency       any     `json:"frequency"`
	TimeUnit        string  `json:"timeunit"`
	EndOfDuration   string  `json:"end_of_duration"`
	InitialInstance string  `json:"initial_instance"`
	Timezone        string  `json:"timezone"`
	URITemplate     string  `json:"uri_template"`
	DoneFlag        *string `json:"done_flag"`
}

func mkDataset(t testing.TB, name string, s dsSpec) *ir.Dataset {
	t.Helper()
	if s.URITemplate == "" {
		s.URITemplate = "${YEAR}-${MONTH}-${DAY}T${HOUR}:${MINUTE}Z"
	}
	s.URITemplate = strings.ReplaceAll(s.URITemplate, "<testdir>", "file:///testdir")
	d := &ir.Dataset{
		Name:            name,
		Frequency:       frequency(t, s.Frequency, s.TimeUnit, s.EndOfDuration),
		InitialInstance: ir.Instant{Resolved: true, Time: tm(t, s.InitialInstance)},
		Timezone:        ir.Zone{Resolved: true, ID: s.Timezone, Location: zone(t, s.Timezone)},
		URITemplate:     &ir.Text{Raw: s.URITemplate, Value: s.URITemplate, Known: true},
	}
	if s.DoneFlag != nil {
		d.DoneFlag = &ir.Text{Raw: *s.DoneFlag, Value: *s.DoneFlag, Known: true}
	}
	return d
}

func dataIn(t testing.TB, name string, d *ir.Dataset, instances ...string) *ir.DataIn {
	in := &ir.DataIn{Name: name, DatasetName: d.Name, Dataset: d}
	for _, s := range instances {
		in.Instances = append(in.Instances, text(t, s))
	}
	return in
}

func rangeIn(t testing.TB, name string, d *ir.Dataset, start, end string) *ir.DataIn {
	return &ir.DataIn{Name: name, DatasetName: d.Name, Dataset: d, StartInstance: text(t, start), EndInstance: text(t, end)}
}

// memStorage is a Storage over a set of existing paths.
type memStorage map[string]bool

func (s memStorage) Exists(path string) (bool, error) { return s[path], nil }

func storageOf(paths ...string) memStorage {
	s := memStorage{}
	for _, p := range paths {
		s[strings.ReplaceAll(p, "<testdir>", "file:///testdir")] = true
	}
	return s
}

// nominals lists every nominal time of c.
func nominals(c *ir.Coordinator) []string {
	var out []string
	it := Nominals(c)
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		out = append(out, oozietime.FormatDateTime(n.Time))
	}
	return out
}

// diagText is every summary and detail, for "message contains" checks.
func diagText(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary + " " + d.Detail + "\n")
	}
	return b.String()
}
