package xmlfront

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(posDoc))
	f.Add([]byte(coord("0.5", `<input-logic><or><data-in dataset="A"/></or></input-logic>`+minimalAction)))
	f.Add([]byte(bundle("0.1", `<coordinator name="c"><app-path>p</app-path></coordinator>`)))
	f.Add([]byte("<datasets><include>a&amp;b</include><![CDATA[x\r\ny]]></datasets>"))
	f.Add([]byte("<a x='t\tn\nr\r\nx&#10;'>\r<b/>&lt;</a>"))
	f.Add([]byte("\ufeff<?xml version='1.0'?><!-- c --><coordinator-app/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := Parse("fuzz.xml", data)
		checkRanges(t, "fuzz", data, diags)
		checkTextDecoding(t, data)
	})
}

// checkTextDecoding compares the decoded character data of every element
// (in document order) with what encoding/xml decodes from the same input.
func checkTextDecoding(t *testing.T, data []byte) {
	doc, _ := decode("fuzz.xml", data)
	if doc == nil {
		return
	}
	b := &builder{lx: doc.lx}
	var mine []string
	stack := []*element{doc.root}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		mine = append(mine, b.contentSource(e).Text)
		for i := len(e.kids) - 1; i >= 0; i-- {
			stack = append(stack, e.kids[i])
		}
	}
	var theirs []string
	var open []int
	xd := xml.NewDecoder(bytes.NewReader(data[doc.lx.bom:]))
	xd.Strict = true
	xd.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := xd.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return
		}
		switch tt := tok.(type) {
		case xml.StartElement:
			open = append(open, len(theirs))
			theirs = append(theirs, "")
		case xml.CharData:
			if len(open) > 0 {
				theirs[open[len(open)-1]] += string(tt)
			}
		case xml.EndElement:
			open = open[:len(open)-1]
		}
	}
	if diff := cmp.Diff(theirs, mine); diff != "" {
		t.Errorf("element texts differ from encoding/xml (-xml +mine):\n%s", diff)
	}
}
