package lint

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// directive is one coordc:ignore or coordc:ignore-file comment.
type directive struct {
	file      string
	fileScope bool // coordc:ignore-file
	misplaced bool // an ignore-file directive after the first element/block
	rules     []ruleRef
	reason    string
	rng       hcl.Range // the whole comment
	// from and to are the bytes the directive covers (line or element scope).
	from, to int
	// del is what to delete to remove the directive: the comment, and its
	// whole line when nothing else is on it.
	del hcl.Range
}

// ruleRef is one rule named by a directive.
type ruleRef struct {
	name string
	rng  hcl.Range
	a    *Analyzer // nil when unknown
	used bool
}

const (
	ignoreWord     = "coordc:ignore"
	ignoreFileWord = "coordc:ignore-file"
)

// comment is a comment found in a file: its bytes, and where its text
// (without delimiters) starts and ends.
type comment struct {
	start, end         int // the whole comment
	textFrom, textTo   int
	beforeFirstElement bool // nothing but prolog or comments before it
}

// parseDirective reads a directive from a comment, or returns nil when the
// comment is not one.
func parseDirective(ix *lineIndex, c comment) *directive {
	text := string(ix.data[c.textFrom:c.textTo])
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	body := text[lead:]
	d := &directive{file: ix.name, rng: ix.rng(c.start, c.end)}
	switch {
	case hasWord(body, ignoreFileWord):
		d.fileScope, d.misplaced = true, !c.beforeFirstElement
		body = body[len(ignoreFileWord):]
		lead += len(ignoreFileWord)
	case hasWord(body, ignoreWord):
		body = body[len(ignoreWord):]
		lead += len(ignoreWord)
	default:
		return nil
	}
	// The rules run up to a "-" or "--" word; the reason is the rest. XML
	// forbids "--" inside comments (Oozie's parser rejects the file, E0700),
	// so XML directives write a single "-".
	base := c.textFrom + lead
	for i := 0; i < len(body); {
		if body[i] == ',' || isSpace(body[i]) {
			i++
			continue
		}
		j := i
		for j < len(body) && body[j] != ',' && !isSpace(body[j]) {
			j++
		}
		if w := body[i:j]; w == "-" || w == "--" {
			d.reason = strings.TrimSpace(body[j:])
			break
		}
		d.rules = append(d.rules, ruleRef{name: body[i:j], rng: ix.rng(base+i, base+j)})
		i = j
	}
	ls, _ := ix.lineBounds(c.start)
	_, le := ix.lineBounds(c.end)
	if blank(ix.data, ls, c.start) && blank(ix.data, c.end, le) {
		d.del = ix.rng(ls, min(le+1, len(ix.data)))
	} else {
		// Code shares the line: delete the comment and the blanks before it.
		from := c.start
		for from > ls && (ix.data[from-1] == ' ' || ix.data[from-1] == '\t') {
			from--
		}
		d.del = ix.rng(from, c.end)
	}
	return d
}

// hasWord reports whether s starts with w followed by a space or nothing.
func hasWord(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || isSpace(s[len(w)]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// directives finds the directives of one file and sets the bytes each
// covers. XML files use <!-- --> comments; .hcl files use #, // and /* */.
func directives(name string, data []byte) []*directive {
	ix := newLineIndex(name, data)
	hclFile := strings.HasSuffix(strings.ToLower(name), ".hcl")
	var comments []comment
	if hclFile {
		comments = hclComments(data)
	} else {
		comments = xmlComments(data)
	}
	var out []*directive
	for k, c := range comments {
		d := parseDirective(ix, c)
		if d == nil {
			continue
		}
		ls, _ := ix.lineBounds(c.start)
		_, le := ix.lineBounds(c.end)
		if !alone(ix, comments, c) {
			// Code shares the line: the directive covers that line.
			d.from, d.to = ls, le
		} else {
			next := nextContent(data, comments[k+1:], c.end)
			if hclFile {
				d.from, d.to = hclScope(ix, next)
			} else {
				d.from, d.to = xmlScope(ix, next)
			}
		}
		out = append(out, d)
	}
	return out
}

// alone reports whether nothing but white space and other comments shares
// the lines of comment c; a directive on such lines covers what follows.
func alone(ix *lineIndex, comments []comment, c comment) bool {
	ls, _ := ix.lineBounds(c.start)
	_, le := ix.lineBounds(c.end)
	at := ls
	for _, o := range comments {
		if o.end <= ls || o.start >= le {
			continue
		}
		if o.start > at && !blank(ix.data, at, o.start) {
			return false
		}
		at = max(at, o.end)
	}
	return at >= le || blank(ix.data, at, le)
}

// nextContent returns the offset of the first byte after off that is
// neither white space nor one of the following comments (stacked
// directives all apply to the same element).
func nextContent(data []byte, following []comment, off int) int {
	for {
		for off < len(data) && isSpace(data[off]) {
			off++
		}
		if len(following) == 0 || following[0].start != off {
			return off
		}
		off = following[0].end
		following = following[1:]
	}
}

// covers reports whether the directive applies to a finding at rng.
func (d *directive) covers(rng hcl.Range) bool {
	if rng.Filename != d.file {
		return false
	}
	if d.fileScope {
		return !d.misplaced
	}
	return d.from <= rng.Start.Byte && rng.Start.Byte <= d.to
}
