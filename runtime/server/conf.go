package server

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Hadoop's job configuration XML, the body of an Oozie submission:
// <configuration><property><name>N</name><value>V</value></property>…

// ConfError is a configuration that cannot be read, with its position.
type ConfError struct {
	Line, Column int
	Msg          string
}

func (e *ConfError) Error() string {
	return fmt.Sprintf("configuration line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// ParseConfiguration reads a configuration document; a later property of
// the same name wins, as in Hadoop.
func ParseConfiguration(data []byte) (map[string]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	fail := func(msg string) error {
		line, col := d.InputPos()
		return &ConfError{Line: line, Column: col, Msg: msg}
	}
	props := map[string]string{}
	depth := 0
	var name, value *string
	var text strings.Builder
	inProperty := false
	sawRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				_, col := d.InputPos()
				return nil, &ConfError{Line: se.Line, Column: col, Msg: se.Msg}
			}
			return nil, fail(err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Local != "configuration" {
					return nil, fail(fmt.Sprintf("the root element is <%s>, not <configuration>", t.Name.Local))
				}
				sawRoot = true
			case depth == 2 && t.Name.Local == "property":
				inProperty, name, value = true, nil, nil
			case depth == 2:
				return nil, fail(fmt.Sprintf("unexpected <%s> in <configuration> (only <property>)", t.Name.Local))
			case depth == 3 && inProperty:
				text.Reset()
			}
		case xml.CharData:
			if depth == 3 {
				text.Write(t)
			}
		case xml.EndElement:
			if depth == 3 && inProperty {
				v := text.String()
				switch t.Name.Local {
				case "name":
					v = strings.TrimSpace(v)
					name = &v
				case "value":
					value = &v
				}
			}
			if depth == 2 && inProperty {
				if name == nil || *name == "" {
					return nil, fail("a <property> without a <name>")
				}
				v := ""
				if value != nil {
					v = *value
				}
				props[*name] = v
				inProperty = false
			}
			depth--
		}
	}
	if !sawRoot {
		return nil, &ConfError{Line: 1, Column: 1, Msg: "no <configuration> element"}
	}
	return props, nil
}

// configurationXML writes props as a configuration document, names
// sorted.
func configurationXML(props map[string]string) []byte {
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("<configuration>\n")
	for _, n := range names {
		b.WriteString("  <property><name>")
		xml.EscapeText(&b, []byte(n))
		b.WriteString("</name><value>")
		xml.EscapeText(&b, []byte(props[n]))
		b.WriteString("</value></property>\n")
	}
	b.WriteString("</configuration>")
	return b.Bytes()
}

// ConfigurationXML is the configuration document of props (names sorted),
// the body `coordc submit` posts.
func ConfigurationXML(props map[string]string) []byte { return configurationXML(props) }
