package linttest

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/hclfront"
)

// fixtureComment is the text of one comment (without its delimiters) and
// the line it starts on.
type fixtureComment struct {
	line int
	text string
}

// fixtureComments returns the comments of a fixture file in order: <!-- -->
// comments for XML, and for HCL the comments the HCL scanner finds (#, //
// and /* */), so that a "#" or "//" inside a string (hdfs://…) is never
// taken for one.
func fixtureComments(name string, data []byte) []fixtureComment {
	if hclfront.IsHCLFile(name) {
		return hclComments(name, data)
	}
	var out []fixtureComment
	for i, line := range strings.Split(string(data), "\n") {
		for {
			j := strings.Index(line, "<!--")
			if j < 0 {
				break
			}
			line = line[j+4:]
			k := strings.Index(line, "-->")
			if k < 0 {
				out = append(out, fixtureComment{i + 1, line})
				break
			}
			out = append(out, fixtureComment{i + 1, line[:k]})
			line = line[k+3:]
		}
	}
	return out
}

// hclComments lists the comments of an HCL file with the HCL scanner.
func hclComments(name string, data []byte) []fixtureComment {
	toks, _ := hclsyntax.LexConfig(data, name, hcl.InitialPos)
	var out []fixtureComment
	for _, tok := range toks {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		text := strings.TrimRight(string(tok.Bytes), "\r\n")
		switch {
		case strings.HasPrefix(text, "#"):
			text = text[1:]
		case strings.HasPrefix(text, "//"):
			text = text[2:]
		default:
			text = strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/")
		}
		out = append(out, fixtureComment{tok.Range.Start.Line, text})
	}
	return out
}
