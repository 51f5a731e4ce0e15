package plan

import (
	"bufio"

	"github.com/coordc/coordc/lower/schedule"
)

// jsonRenderer streams the plan.v1 document. Its output is byte-identical to
// json.MarshalIndent(File, "", "  ") followed by a newline: sorted keys,
// two-space indentation, empty maps and arrays written as {} and [].
//
// Depths: the top object's keys are at 1, coordinators at 2 and their keys
// at 3, actions at 4 and their keys at 5, map entries at 6, URIs at 7.
type jsonRenderer struct {
	bw      *bufio.Writer
	buf     []byte
	opts    Options
	jobs    int
	actions int // actions written in the current job
}

func newJSONRenderer(bw *bufio.Writer, opts Options) *jsonRenderer {
	return &jsonRenderer{bw: bw, opts: opts, buf: make([]byte, 0, 4096)}
}

// flush hands b to the buffered writer and keeps its storage for reuse.
func (r *jsonRenderer) flush(b []byte) error {
	r.buf = b[:0]
	_, err := r.bw.Write(b)
	return err
}

func (r *jsonRenderer) beginJob(*prepared) error {
	b := r.buf[:0]
	if r.jobs == 0 {
		b = append(b, "{\n  \"coordinators\": ["...)
	} else {
		b = append(b, ',')
	}
	r.jobs++
	r.actions = 0
	b = appendIndent(b, 2)
	b = append(b, "{\n      \"actions\": ["...)
	return r.flush(b)
}

func (r *jsonRenderer) action(a *schedule.Action, v view, id []byte) error {
	b := r.buf[:0]
	if r.actions > 0 {
		b = append(b, ',')
	}
	r.actions++
	b = append(b, "\n        {\n          \"configuration\": "...)
	if len(v.config) == 0 {
		b = append(b, '{', '}')
	} else {
		b = append(b, '{')
		for k, i := range v.config {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendStringField(b, 6, a.Configuration[i].Name, a.Configuration[i].Value)
		}
		b = append(b, "\n          }"...)
	}
	b = append(b, ",\n          \"flags\": "...)
	b = appendStringArray(b, 5, v.flags)
	b = append(b, ",\n          \"id\": \""...)
	b = append(b, id...) // a slug and a time: nothing to escape
	b = append(b, "\",\n          \"inputs\": "...)
	b = appendEvents(b, a.Inputs, v.inputs)
	b = append(b, ",\n          \"nominal_local\": \""...)
	b = appendLocal(b, a.Local)
	b = append(b, "\",\n          \"nominal_time\": \""...)
	b = appendUTC(b, a.Nominal)
	b = append(b, "\",\n          \"number\": "...)
	b = appendInt(b, a.Number)
	b = append(b, ",\n          \"outputs\": "...)
	b = appendEvents(b, a.Outputs, v.outputs)
	b = append(b, ",\n          \"unresolved\": "...)
	if len(v.unresolved) == 0 {
		b = append(b, '{', '}')
	} else {
		b = append(b, '{')
		for k, i := range v.unresolved {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendStringField(b, 6, a.Inputs[i].Name, a.Inputs[i].Unresolved)
		}
		b = append(b, "\n          }"...)
	}
	b = append(b, "\n        }"...)
	return r.flush(b)
}

// appendEvents appends the {"name": [uri, …]} object of events in the
// sorted order idx, at action-key depth.
func appendEvents(b []byte, evs []schedule.Event, idx []int) []byte {
	if len(idx) == 0 {
		return append(b, '{', '}')
	}
	b = append(b, '{')
	for k, i := range idx {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, 6, evs[i].Name)
		b = appendStringArray(b, 6, evs[i].URIs)
	}
	return append(b, "\n          }"...)
}

func (r *jsonRenderer) endJob(p *prepared, _ int) error {
	b := r.buf[:0]
	if r.actions == 0 {
		b = append(b, ']')
	} else {
		b = append(b, "\n      ]"...)
	}
	b = append(b, ',')
	b = appendStringField(b, 3, "end", formatUTC(p.End))
	b = append(b, ',')
	b = appendStringField(b, 3, "frequency", p.frequency)
	b = append(b, ',')
	b = appendStringField(b, 3, "frequency_description", p.FrequencyDescription)
	b = append(b, ',')
	b = appendStringField(b, 3, "name", p.Name)
	b = append(b, ',')
	b = appendStringField(b, 3, "start", formatUTC(p.Start))
	b = append(b, ',')
	b = appendStringField(b, 3, "timezone", p.Timezone)
	b = append(b, "\n    }"...)
	return r.flush(b)
}

func (r *jsonRenderer) end(s Summary) error {
	b := r.buf[:0]
	if r.jobs == 0 {
		b = append(b, "{\n  \"coordinators\": []"...)
	} else {
		b = append(b, "\n  ]"...)
	}
	b = append(b, ',')
	b = appendStringField(b, 1, "format_version", FormatVersion)
	b = append(b, ",\n  \"summary\": {"...)
	b = appendIntField(b, 2, "actions", s.Actions)
	b = append(b, ',')
	b = appendIntField(b, 2, "coordinators", s.Coordinators)
	b = append(b, ',')
	b = appendIntField(b, 2, "dst_days", s.DSTDays)
	b = append(b, ',')
	b = appendIntField(b, 2, "unresolved", s.Unresolved)
	b = append(b, "\n  },"...)
	b = appendStringField(b, 1, "tzdata_version", r.opts.TZDataVersion)
	b = append(b, "\n}\n"...)
	return r.flush(b)
}
