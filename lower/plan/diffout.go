package plan

import (
	"bufio"
	"strconv"
	"strings"
)

// textDiff writes one line per change with Terraform's symbols (+ added,
// - removed, ~ shifted or changed), changed values indented below it, and
// the summary line last.
type textDiff struct {
	bw  *bufio.Writer
	buf []byte
	n   int
}

func (t *textDiff) change(c *Change) error {
	t.n++
	b := appendChangeHead(t.buf[:0], c)
	b = append(b, '\n')
	for _, f := range c.Fields {
		b = append(b, "      "...)
		b = append(b, f.Path...)
		b = append(b, ": "...)
		b = append(b, describeField(f)...)
		b = append(b, '\n')
	}
	t.buf = b
	_, err := t.bw.Write(b)
	return err
}

// appendChangeHead appends the symbol, the subject and what happened.
func appendChangeHead(b []byte, c *Change) []byte {
	switch c.Kind {
	case ChangeAdded, ChangeRemoved, ChangeShifted, ChangeChanged:
		b = append(b, changeSymbol(c.Kind), ' ')
		b = append(b, c.ID...)
		b = append(b, "  #"...)
		b = appendInt(b, c.Number)
		b = append(b, "  "...)
		b = append(b, c.Kind...)
		if c.Kind == ChangeShifted {
			b = append(b, ' ')
			b = append(b, c.OldNominalTime...)
			b = append(b, " → "...)
			b = append(b, c.NominalTime...)
		}
	case ChangeCoordinatorAdded, ChangeCoordinatorRemoved, ChangeCoordinatorChanged:
		b = append(b, changeSymbol(c.Kind), ' ')
		b = append(b, "coordinator "...)
		b = strconv.AppendQuote(b, c.Coordinator)
		b = append(b, ' ')
		b = append(b, strings.TrimPrefix(c.Kind, "coordinator-")...)
	case ChangeTZData:
		b = append(b, "~ tz database"...)
	}
	return b
}

func changeSymbol(kind string) byte {
	switch kind {
	case ChangeAdded, ChangeCoordinatorAdded:
		return '+'
	case ChangeRemoved, ChangeCoordinatorRemoved:
		return '-'
	}
	return '~'
}

// describeField says how one value changed: "old → new" for strings, the
// URIs or flags removed and added for lists.
func describeField(f FieldChange) string {
	oldList, oldIsList := f.Old.([]string)
	newList, newIsList := f.New.([]string)
	if oldIsList || newIsList {
		switch {
		case f.Old == nil:
			return "added " + formatList(newList)
		case f.New == nil:
			return "removed " + formatList(oldList)
		}
		gone, came := listDelta(oldList, newList)
		if len(gone) == 0 && len(came) == 0 {
			return "same items in a new order: " + formatList(oldList) + " → " + formatList(newList)
		}
		var parts []string
		if len(gone) > 0 {
			parts = append(parts, "removed "+formatList(gone))
		}
		if len(came) > 0 {
			parts = append(parts, "added "+formatList(came))
		}
		return strings.Join(parts, "; ")
	}
	oldS, _ := f.Old.(string)
	newS, _ := f.New.(string)
	switch {
	case f.Old == nil:
		return "added " + strconv.Quote(newS)
	case f.New == nil:
		return "removed " + strconv.Quote(oldS)
	}
	return strconv.Quote(oldS) + " → " + strconv.Quote(newS)
}

// listDelta returns the items of old missing from new and the other way
// round, each in its list's order (counting repeats).
func listDelta(old, new []string) (gone, came []string) {
	count := make(map[string]int, len(old))
	for _, s := range old {
		count[s]++
	}
	for _, s := range new {
		if count[s] > 0 {
			count[s]--
		} else {
			came = append(came, s)
		}
	}
	for i := len(old) - 1; i >= 0; i-- { // the surplus copies are the last ones
		if count[old[i]] > 0 {
			count[old[i]]--
			gone = append(gone, old[i])
		}
	}
	for i, j := 0, len(gone)-1; i < j; i, j = i+1, j-1 {
		gone[i], gone[j] = gone[j], gone[i]
	}
	return gone, came
}

// listShown is how many items formatList prints before eliding.
const listShown = 3

// formatList prints a list as [a, b, c], eliding after listShown items with
// the total: [a, b, c, … 12 in all].
func formatList(items []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range items {
		if i == listShown {
			b.WriteString(", … ")
			b.WriteString(strconv.Itoa(len(items)))
			b.WriteString(" in all")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	b.WriteByte(']')
	return b.String()
}

func (t *textDiff) end(s DiffSummary) error {
	b := t.buf[:0]
	if t.n == 0 {
		b = append(b, "No changes: the plan matches the snapshot.\n"...)
	} else {
		b = append(b, '\n')
	}
	b = s.appendLine(b)
	b = append(b, '\n')
	_, err := t.bw.Write(b)
	return err
}

// markdownDiff writes the summary first, then the changes as a table,
// capped at MarkdownMaxRows rows with a "… N more changes" line. The rows
// are kept until the end (bounded by the cap).
type markdownDiff struct {
	bw          *bufio.Writer
	max         int
	rows        []byte
	shown, more int
}

func newMarkdownDiff(bw *bufio.Writer, opts Options) *markdownDiff {
	m := opts.MarkdownMaxRows
	if m <= 0 {
		m = DefaultMarkdownMaxRows
	}
	return &markdownDiff{bw: bw, max: m}
}

func (m *markdownDiff) change(c *Change) error {
	if m.shown == m.max {
		m.more++
		return nil
	}
	m.shown++
	b := append(m.rows, "| "...)
	b = append(b, changeSymbol(c.Kind))
	b = append(b, " | "...)
	var what []string
	switch c.Kind {
	case ChangeCoordinatorAdded, ChangeCoordinatorRemoved, ChangeCoordinatorChanged:
		b = append(b, "coordinator "...)
		b = appendMarkdownCell(b, strconv.Quote(c.Coordinator))
		b = append(b, " |  | "...)
		what = append(what, strings.TrimPrefix(c.Kind, "coordinator-"))
	case ChangeTZData:
		b = append(b, "tz database |  | "...)
	default:
		b = append(b, '`')
		b = append(b, c.ID...)
		b = append(b, "` | "...)
		b = appendInt(b, c.Number)
		b = append(b, " | "...)
		what = append(what, c.Kind)
		if c.Kind == ChangeShifted {
			what = append(what, c.OldNominalTime+" → "+c.NominalTime)
		}
	}
	for _, f := range c.Fields {
		what = append(what, f.Path+": "+describeField(f))
	}
	b = appendMarkdownCell(b, strings.Join(what, "; "))
	m.rows = append(b, " |\n"...)
	return nil
}

func (m *markdownDiff) end(s DiffSummary) error {
	b := append([]byte(nil), "### coordc plan diff\n\n**"...)
	b = s.appendLine(b)
	b = append(b, "**\n"...)
	if m.shown == 0 {
		b = append(b, "\nNo changes: the plan matches the snapshot.\n"...)
	} else {
		b = append(b, "\n<details><summary>"...)
		b = appendCount(b, m.shown+m.more, "change", "changes")
		b = append(b, "</summary>\n\n|   | Action | # | Change |\n|---|---|---:|---|\n"...)
		b = append(b, m.rows...)
		if m.more > 0 {
			b = append(b, "\n… "...)
			b = appendCount(b, m.more, "more change", "more changes")
			b = append(b, '\n')
		}
		b = append(b, "\n</details>\n"...)
	}
	_, err := m.bw.Write(b)
	return err
}

// jsonDiff streams the plan-diff.v1 document, byte-identical to
// json.MarshalIndent(DiffFile, "", "  ") plus a newline.
type jsonDiff struct {
	bw  *bufio.Writer
	buf []byte
	n   int
}

func (j *jsonDiff) change(c *Change) error {
	b := j.buf[:0]
	if j.n == 0 {
		b = append(b, "{\n  \"changes\": ["...)
	} else {
		b = append(b, ',')
	}
	j.n++
	b = appendIndent(b, 2)
	b = append(b, '{')
	sep := false
	field := func(key string) {
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = appendKey(b, 3, key)
	}
	if c.Coordinator != "" {
		field("coordinator")
		b = appendJSONString(b, c.Coordinator)
	}
	if len(c.Fields) > 0 {
		field("fields")
		b = append(b, '[')
		for i, f := range c.Fields {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendIndent(b, 4)
			b = append(b, '{')
			if f.New != nil {
				b = appendValue(appendKey(b, 5, "new"), f.New)
				b = append(b, ',')
			}
			if f.Old != nil {
				b = appendValue(appendKey(b, 5, "old"), f.Old)
				b = append(b, ',')
			}
			b = appendStringField(b, 5, "path", f.Path)
			b = appendIndent(b, 4)
			b = append(b, '}')
		}
		b = appendIndent(b, 3)
		b = append(b, ']')
	}
	if c.ID != "" {
		field("id")
		b = appendJSONString(b, c.ID)
	}
	field("kind")
	b = appendJSONString(b, c.Kind)
	if c.NominalTime != "" {
		field("nominal_time")
		b = appendJSONString(b, c.NominalTime)
	}
	if c.Number != 0 {
		field("number")
		b = appendInt(b, c.Number)
	}
	if c.OldNominalTime != "" {
		field("old_nominal_time")
		b = appendJSONString(b, c.OldNominalTime)
	}
	b = appendIndent(b, 2)
	b = append(b, '}')
	j.buf = b
	_, err := j.bw.Write(b)
	return err
}

// appendValue appends a FieldChange value (a string or a list of strings)
// at field-key depth.
func appendValue(b []byte, v any) []byte {
	if list, ok := v.([]string); ok {
		return appendStringArray(b, 5, list)
	}
	s, _ := v.(string)
	return appendJSONString(b, s)
}

func (j *jsonDiff) end(s DiffSummary) error {
	b := j.buf[:0]
	if j.n == 0 {
		b = append(b, "{\n  \"changes\": []"...)
	} else {
		b = append(b, "\n  ]"...)
	}
	b = append(b, ',')
	b = appendStringField(b, 1, "format_version", FormatVersion)
	b = append(b, ",\n  \"summary\": {"...)
	for i, kv := range [...]struct {
		k string
		v int
	}{{"added", s.Added}, {"changed", s.Changed}, {"coordinators", s.Coordinators}, {"removed", s.Removed}, {"shifted", s.Shifted}, {"unchanged", s.Unchanged}} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIntField(b, 2, kv.k, kv.v)
		if kv.k == "shifted" && s.ShiftedBy != "" {
			b = append(b, ',')
			b = appendStringField(b, 2, "shifted_by", s.ShiftedBy)
		}
	}
	b = append(b, "\n  }\n}\n"...)
	_, err := j.bw.Write(b)
	return err
}
