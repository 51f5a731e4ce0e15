package plan

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

// Format selects the output of Write and Diff.
type Format string

// The output formats.
const (
	// FormatText is the human, review-oriented table (the default).
	FormatText Format = "text"
	// FormatMarkdown is for pull-request comments and CI step summaries.
	FormatMarkdown Format = "markdown"
	// FormatJSON is the plan.v1 (or plan-diff.v1) JSON document.
	FormatJSON Format = "json"
	// FormatHTML is a self-contained interactive timeline page.
	FormatHTML Format = "html"
	// FormatSVG is a static timeline picture.
	FormatSVG Format = "svg"
)

// Job is one coordinator to plan.
type Job struct {
	// Name is the coordinator name; its Slug prefixes every action ID.
	Name string
	// Timezone is the coordinator's IANA zone ID.
	Timezone string
	// Frequency is the frequency as written; a lone "${…}" wrapper is
	// dropped for display ("${coord:days(1)}" shows as "coord:days(1)").
	Frequency string
	// FrequencyDescription says in words when the job runs, e.g. "every day
	// at 00:00 America/Los_Angeles".
	FrequencyDescription string
	// Start and End are the coordinator's start and end instants.
	Start, End time.Time
	// Each streams the job's actions in increasing number (window applied by
	// the caller). The *schedule.Action may be reused after yield returns.
	// A nil Each means no actions.
	Each func(yield func(*schedule.Action) bool) hcl.Diagnostics
	// Total is the number of actions of the whole window when Each stops
	// after Shown actions (Options.Horizon), 0 otherwise; TotalCapped says
	// Total is a lower bound (counting stopped at MaxCount).
	Total, Shown int
	TotalCapped  bool
	// Range is where the coordinator's name is written, for diagnostics
	// (zero when unknown).
	Range hcl.Range
}

// Options control Write and Diff.
type Options struct {
	// Format is the output format; "" means FormatText.
	Format Format
	// Pins are lint findings the HTML and SVG timelines pin to actions.
	Pins []Pin
	// Links are the producer→consumer links the timelines draw.
	Links []Link
	// Changes are differences with a snapshot that the HTML and SVG
	// timelines mark; Diff fills them for those formats.
	Changes []Change
	diffing bool // the timelines show a diff (Diff with FormatHTML/FormatSVG)

	// TZDataVersion is the IANA release the times were computed with.
	TZDataVersion string
	// WindowFrom, WindowTo and Count describe the window the caller applied,
	// for the text and Markdown headers; zero values are not shown.
	WindowFrom, WindowTo time.Time
	Count                int
	// MarkdownMaxRows caps the rows of the Markdown action table; 0 or less
	// means DefaultMarkdownMaxRows.
	MarkdownMaxRows int
	// SnapshotFilename names the snapshot in Diff's diagnostics.
	SnapshotFilename string
	// Palette colours the text format's DST markers for a terminal; the
	// zero value is plain.
	Palette diag.Palette
	// Horizon, when positive and neither WindowTo nor Count bounds the
	// window, makes Jobs stop each coordinator after that many actions and
	// count the rest (Job.Total), for the text and Markdown formats, which
	// say so. JSON is never cut: callers leave Horizon 0 for it.
	Horizon int
}

// DefaultHorizon is the number of actions text and Markdown plans show per
// coordinator when the window is unbounded (coordc plan without --to,
// --count or --all).
const DefaultHorizon = 1000

// MaxCount caps the counting of the actions past the horizon.
const MaxCount = 10_000_000

// DefaultMarkdownMaxRows is the Markdown table cap when Options leave it 0.
const DefaultMarkdownMaxRows = 200

// FormatVersion is the format_version of the JSON documents this package
// writes and reads.
const FormatVersion = "1"

// prepared is a Job with what every renderer needs computed once.
type prepared struct {
	*Job
	slug      string
	frequency string // display form
}

// renderer is one output format of Write. Calls come in the order
// beginJob, action…, endJob for every job, then end once.
type renderer interface {
	beginJob(j *prepared) error
	action(a *schedule.Action, v view, id []byte) error
	endJob(j *prepared, actions int) error
	end(s Summary) error
}

// Write renders the plan of jobs to w in opts.Format. Jobs are shown sorted
// by name; actions are streamed, so memory does not grow with their number.
// Error diagnostics come from the jobs' streams, from actions that break the
// model's invariants, or from w.
func Write(w io.Writer, jobs []Job, opts Options) (Summary, hcl.Diagnostics) {
	ps, diags := prepare(jobs)
	bw := bufio.NewWriterSize(w, 64<<10)
	var r renderer
	switch opts.Format {
	case FormatText, "":
		r = newTextRenderer(bw, opts)
	case FormatMarkdown:
		r = newMarkdownRenderer(bw, opts)
	case FormatJSON:
		r = newJSONRenderer(bw, opts)
	case FormatSVG:
		r = newSVGRenderer(bw, opts)
	case FormatHTML:
		r = newHTMLRenderer(bw, opts)
	default:
		return Summary{}, append(diags, badFormat(opts.Format))
	}
	var s Summary
	var werr error
	for _, p := range ps {
		s.Coordinators++
		if werr = r.beginJob(p); werr != nil {
			break
		}
		n := 0
		diags = append(diags, stream(p, func(a *schedule.Action, v view, id []byte) bool {
			n++
			s.count(a)
			werr = r.action(a, v, id)
			return werr == nil
		})...)
		if werr != nil {
			break
		}
		if werr = r.endJob(p, n); werr != nil {
			break
		}
	}
	if werr == nil {
		werr = r.end(s)
	}
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		diags = append(diags, writeError(werr))
	}
	return s, diags
}

// prepare sorts jobs by name and computes their slugs, reporting two
// coordinators whose action IDs would collide.
func prepare(jobs []Job) ([]*prepared, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	ps := make([]*prepared, len(jobs))
	for i := range jobs {
		ps[i] = &prepared{Job: &jobs[i], slug: Slug(jobs[i].Name), frequency: displayFrequency(jobs[i].Frequency)}
	}
	slices.SortStableFunc(ps, func(a, b *prepared) int { return strings.Compare(a.Name, b.Name) })
	seen := make(map[string]*prepared, len(ps))
	for _, p := range ps {
		if other, dup := seen[p.slug]; dup {
			d := &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  fmt.Sprintf("Coordinators %q and %q have the same action ID prefix %q", other.Name, p.Name, p.slug),
				Detail:   "Action IDs are the slug of the coordinator name followed by the nominal time, so these two coordinators would produce the same IDs. Rename one of them so that their names differ in letters or digits.",
			}
			// Both definitions are named: the diagnostic is on the second,
			// its detail says where the first is.
			if p.Range.Filename != "" {
				d.Subject = p.Range.Ptr()
			}
			if r := other.Range; r.Filename != "" {
				d.Detail += fmt.Sprintf(" %q is defined at %s:%d:%d.", other.Name, r.Filename, r.Start.Line, r.Start.Column)
			}
			diags = append(diags, d)
			continue
		}
		seen[p.slug] = p
	}
	return ps, diags
}

// stream runs p's action stream, checks that numbers increase, sorts each
// action's maps and builds its ID, and calls fn until it returns false.
func stream(p *prepared, fn func(a *schedule.Action, v view, id []byte) bool) hcl.Diagnostics {
	if p.Each == nil {
		return nil
	}
	var (
		srt   = newSorter()
		id    = []byte(p.slug + "@")
		base  = len(id)
		last  int
		diags hcl.Diagnostics
	)
	diags = append(diags, p.Each(func(a *schedule.Action) bool {
		if a.Number <= last {
			diags = append(diags, streamError(p.Name, fmt.Sprintf("action %d follows action %d; numbers must start at 1 and increase", a.Number, last)))
			return false
		}
		last = a.Number
		v, err := srt.sort(a)
		if err != nil {
			diags = append(diags, streamError(p.Name, fmt.Sprintf("action %d: %v", a.Number, err)))
			return false
		}
		id = appendUTC(id[:base], a.Nominal)
		return fn(a, v, id)
	})...)
	return diags
}

// displayFrequency drops a lone "${…}" wrapper around a frequency.
func displayFrequency(f string) string {
	f = strings.TrimSpace(f)
	if inner, ok := strings.CutPrefix(f, "${"); ok && strings.HasSuffix(inner, "}") && !strings.Contains(inner, "${") {
		return strings.TrimSpace(strings.TrimSuffix(inner, "}"))
	}
	return f
}

func streamError(name, what string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Invalid action stream for coordinator %q", name),
		Detail:   fmt.Sprintf("The schedule generator produced an invalid sequence: %s. The plan stops at this point; this is a bug in coordc, please report it with the coordinator definition.", what),
	}
}

func writeError(err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Cannot write the plan",
		Detail:   fmt.Sprintf("Writing the output failed: %v. Check that the output file or pipe is writable and that the disk has free space.", err),
	}
}

func badFormat(f Format) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Unknown plan format %q", string(f)),
		Detail:   fmt.Sprintf("The plan can be written as %q, %q, %q, %q or %q. Pick one of these.", FormatText, FormatMarkdown, FormatJSON, FormatHTML, FormatSVG),
	}
}
