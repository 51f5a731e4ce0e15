package workflow

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// The EL functions that turn a map (wf:actionData('node')) into the text
// of one property, as Oozie's ELConstantsFunctions do: a JSON object, a
// java.util.Properties file or a Hadoop configuration document, each then
// XML-escaped (XmlUtils.escapeCharsForXML) so that it can be written into
// an XML value. Oozie writes the entries in its hash map's order; coordc
// sorts the keys, so that the text is the same on every run.

// mapFunc is a one-argument function of a map; any other argument is an
// error (the checker already refuses literals and non-map functions).
func mapFunc(name string, f func(el.Map) string) el.Func {
	return func(_ *ir.Call, a []el.Value) (el.Value, error) {
		m, ok := a[0].(el.Map)
		if !ok {
			what := "null"
			if a[0] != nil {
				what = fmt.Sprintf("%q", el.ToString(a[0]))
			}
			return nil, fmt.Errorf("%s takes a map such as wf:actionData('node'), not %s", name, what)
		}
		return f(m), nil
	}
}

// escapeXML is Oozie's XmlUtils.escapeCharsForXML.
var escapeXML = strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;", "&", "&amp;").Replace

// toJSONStr is toJsonStr: json-simple's JSONObject.toString (no spaces;
// ", \, /, \b, \f, \n, \r, \t escaped, and U+0000–U+001F, U+007F–U+009F,
// U+2000–U+20FF as \uXXXX), XML-escaped.
func toJSONStr(m el.Map) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range m.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		jsonString(&b, k)
		b.WriteByte(':')
		jsonString(&b, m[k])
	}
	b.WriteByte('}')
	return escapeXML(b.String())
}

func jsonString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '/':
			b.WriteString(`\/`)
		default:
			if r <= 0x1F || r >= 0x7F && r <= 0x9F || r >= 0x2000 && r <= 0x20FF {
				fmt.Fprintf(b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// toPropertiesStr is toPropertiesStr: Properties.store(writer, "") — an
// empty comment line, the date line (Date.toString, here in UTC at now),
// then key=value lines with store's escaping — XML-escaped.
func toPropertiesStr(m el.Map, now time.Time) string {
	var b strings.Builder
	b.WriteString("#\n#" + now.UTC().Format("Mon Jan 02 15:04:05 MST 2006") + "\n")
	for _, k := range m.Keys() {
		b.WriteString(propertiesEscape(k, true))
		b.WriteByte('=')
		b.WriteString(propertiesEscape(m[k], false))
		b.WriteByte('\n')
	}
	return escapeXML(b.String())
}

// propertiesEscape is Properties.saveConvert for a Writer (no \uXXXX for
// non-ASCII): a key escapes every space, a value only a leading one.
func propertiesEscape(s string, key bool) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case ' ':
			if i == 0 || key {
				b.WriteByte('\\')
			}
			b.WriteByte(' ')
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\f':
			b.WriteString(`\f`)
		case '\\', '=', ':', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toConfigurationStr is toConfigurationStr: a Hadoop Configuration (names
// trimmed, as Configuration.set does) printed by Oozie's
// XmlUtils.prettyPrint — JDOM's pretty format: two-space indent, CRLF line
// ends, text trimmed and escaped (&, <, >, and CR as &#xD;), an empty
// element as <x /> — then XML-escaped as a whole.
func toConfigurationStr(m el.Map) string {
	conf := map[string]string{}
	for k, v := range m {
		conf[strings.TrimFunc(k, func(r rune) bool { return r <= ' ' })] = v // String.trim
	}
	keys := el.Map(conf).Keys()
	if len(keys) == 0 {
		return escapeXML("<configuration />")
	}
	const nl = "\r\n"
	var b strings.Builder
	b.WriteString("<configuration>")
	elem := func(name, text string) {
		b.WriteString(nl + "    ")
		if t := strings.Trim(text, " \t\n\r"); t != "" {
			b.WriteString("<" + name + ">" + jdomText(t) + "</" + name + ">")
		} else {
			b.WriteString("<" + name + " />")
		}
	}
	for _, k := range keys {
		b.WriteString(nl + "  <property>")
		elem("name", k)
		elem("value", conf[k])
		b.WriteString(nl + "  </property>")
	}
	b.WriteString(nl + "</configuration>")
	return escapeXML(b.String())
}

// jdomText escapes element text as JDOM's XMLOutputter does.
var jdomText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;").Replace
