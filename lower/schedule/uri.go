package schedule

import (
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
)

// uriVar is one of the uri-template variables Oozie sets at materialization.
type uriVar int

const (
	varNone uriVar = iota
	varYear
	varMonth
	varDay
	varHour
	varMinute
)

var uriVars = map[string]uriVar{"YEAR": varYear, "MONTH": varMonth, "DAY": varDay, "HOUR": varHour, "MINUTE": varMinute}

// uriPiece is literal text or one variable.
type uriPiece struct {
	lit string
	v   uriVar
}

// uriTemplate is a dataset uri-template compiled once into literal and
// variable pieces, so that rendering an instance is a few appends.
type uriTemplate struct {
	pieces []uriPiece
	// foreign lists the ${...} expressions that are not one of the five
	// variables: Oozie cannot evaluate them at materialization.
	foreign []string
}

// compileURI splits a uri-template (job properties already substituted) into
// pieces. The text is trimmed as Oozie's getTextTrim does.
func compileURI(text string) *uriTemplate {
	text = strings.TrimSpace(text)
	u := &uriTemplate{}
	lit := strings.Builder{}
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		expr := text[i+2 : i+j]
		lit.WriteString(text[:i])
		if v, ok := uriVars[strings.TrimSpace(expr)]; ok {
			if lit.Len() > 0 {
				u.pieces = append(u.pieces, uriPiece{lit: lit.String()})
				lit.Reset()
			}
			u.pieces = append(u.pieces, uriPiece{v: v})
		} else {
			u.foreign = append(u.foreign, text[i:i+j+1])
			lit.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
	lit.WriteString(text)
	if lit.Len() > 0 {
		u.pieces = append(u.pieces, uriPiece{lit: lit.String()})
	}
	return u
}

// appendURI renders the template for instance t into buf. The variables are
// computed in UTC, Oozie's processing zone (SEMANTICS §3.4): YEAR unpadded,
// the others two digits; dates before 1582-10-15 are Julian, as in Java.
func (u *uriTemplate) appendURI(buf []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := oozietime.CivilDate(t, time.UTC)
	hour, minute, _ := t.Clock()
	for _, p := range u.pieces {
		switch p.v {
		case varNone:
			buf = append(buf, p.lit...)
		case varYear:
			buf = strconv.AppendInt(buf, int64(year), 10)
		case varMonth:
			buf = append2(buf, int(month))
		case varDay:
			buf = append2(buf, day)
		case varHour:
			buf = append2(buf, hour)
		case varMinute:
			buf = append2(buf, minute)
		}
	}
	return buf
}

func append2(buf []byte, n int) []byte {
	if n < 10 {
		buf = append(buf, '0')
	}
	return strconv.AppendInt(buf, int64(n), 10)
}

// render returns the URI of instance t and the path whose existence
// satisfies it (uri + "/" + done-flag, or the URI itself for an empty
// done-flag), sharing one allocation.
func (d *dataset) render(buf []byte, t time.Time) (uri, donePath string, _ []byte) {
	buf = d.uri.appendURI(buf[:0], t)
	n := len(buf)
	if d.done != "" {
		buf = append(buf, '/')
		buf = append(buf, d.done...)
	}
	s := string(buf)
	return s[:n], s, buf
}

// doneFlag is Oozie's CoordUtils.getDoneFlag: "_SUCCESS" when the element is
// absent, else its trimmed text ("" = the directory itself).
func doneFlag(present bool, text string) string {
	if !present {
		return "_SUCCESS"
	}
	return strings.TrimSpace(text)
}
