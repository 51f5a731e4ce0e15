package xmlfront

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// posDoc has CRLF line ends, an entity in an attribute, CDATA, a
// multi-line element and character references.
const posDoc = "<coordinator-app xmlns=\"uri:oozie:coordinator:0.2\" name=\"a&amp;b${x}\" frequency=\"10\"\r\n" +
	"  start=\"2009-01-01T00:00Z\" end=\"2009-01-02T00:00Z\" timezone=\"UTC\">\r\n" +
	"  <datasets>\r\n" +
	"    <dataset name=\"ds\" frequency=\"60\" initial-instance=\"2009-01-01T00:00Z\" timezone=\"UTC\">\r\n" +
	"      <uri-template><![CDATA[hdfs://x/${YEAR}]]></uri-template>\r\n" +
	"    </dataset>\r\n" +
	"  </datasets>\r\n" +
	"  <action><workflow><app-path>\r\n" +
	"  hdfs://app\r\n" +
	"  </app-path>\r\n" +
	"    <configuration><property><name>k</name><value>l1\r\nl2 &#233;t&#xE9;</value></property></configuration>\r\n" +
	"  </workflow></action>\r\n" +
	"</coordinator-app>\r\n"

func p(line, col, byteOff int) hcl.Pos { return hcl.Pos{Line: line, Column: col, Byte: byteOff} }

func r(start, end hcl.Pos) hcl.Range { return hcl.Range{Filename: "pos.xml", Start: start, End: end} }

func TestPositions(t *testing.T) {
	f, diags := Parse("pos.xml", []byte(posDoc))
	if diags.HasErrors() || f == nil {
		t.Fatalf("unexpected diagnostics:\n%s", diagText(diags))
	}
	c := f.Coordinator
	ds := c.Datasets[0]
	prop := c.Action.Configuration[0]
	tests := []struct {
		what    string
		raw     string
		want    hcl.Range
		gotRaw  string
		gotRang hcl.Range
	}{
		{"attribute value with &amp;", "a&b${x}", r(p(1, 58, 57), p(1, 69, 68)), c.Name.Raw, c.Name.Range},
		{"frequency attribute", "10", r(p(1, 82, 81), p(1, 84, 83)), c.Frequency.Text.Raw, c.Frequency.Text.Range},
		{"CDATA text", "hdfs://x/${YEAR}", r(p(5, 30, 290), p(5, 46, 306)), ds.URITemplate.Raw, ds.URITemplate.Range},
		{"trimmed text after CRLF", "hdfs://app", r(p(9, 3, 391), p(9, 13, 401)), c.Action.AppPath.Raw, c.Action.AppPath.Range},
		{"untrimmed value spanning CRLF", "l1\nl2 été", r(p(11, 51, 468), p(12, 17, 488)), prop.Value.Raw, prop.Value.Range},
		{"dataset name", "ds", r(p(4, 20, 188), p(4, 22, 190)), ds.Name, ds.NameRange},
	}
	for _, tt := range tests {
		if tt.gotRaw != tt.raw {
			t.Errorf("%s: raw %q, want %q", tt.what, tt.gotRaw, tt.raw)
		}
		if diff := cmp.Diff(tt.want, tt.gotRang); diff != "" {
			t.Errorf("%s: range (-want +got):\n%s", tt.what, diff)
		}
	}
	if diff := cmp.Diff(r(p(4, 5, 173), p(4, 91, 259)), ds.DeclRange); diff != "" {
		t.Errorf("dataset start tag (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(r(p(4, 5, 173), p(6, 15, 340)), ds.Range); diff != "" {
		t.Errorf("multi-line dataset element (-want +got):\n%s", diff)
	}
}

// TestSourceOffsets checks positions inside decoded text: after an entity,
// after a CRLF and after character references.
func TestSourceOffsets(t *testing.T) {
	doc, diags := decode("pos.xml", []byte(posDoc))
	if doc == nil {
		t.Fatalf("decode failed:\n%s", diagText(diags))
	}
	name := findAttr(doc.root, "name").src
	b := &builder{lx: doc.lx}
	value := b.contentSource(kid(kid(kid(kid(kid(doc.root, "action"), "workflow"), "configuration"), "property"), "value"))
	tests := []struct {
		what string
		got  hcl.Pos
		want hcl.Pos
	}{
		{"the & of &amp;", name.Pos(strings.Index(name.Text, "&")), p(1, 59, 58)},
		{"the b after &amp;", name.Pos(strings.Index(name.Text, "b")), p(1, 64, 63)},
		{"${ after &amp;", name.Pos(strings.Index(name.Text, "$")), p(1, 65, 64)},
		{"end of the value", name.Pos(len(name.Text)), p(1, 69, 68)},
		{"line after CRLF", value.Pos(strings.Index(value.Text, "l2")), p(12, 1, 472)},
		{"t after &#233;", value.Pos(strings.Index(value.Text, "t")), p(12, 10, 481)},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.what, diff)
		}
	}
}

// TestAttributeNormalization checks that tabs and line breaks in attribute
// values become spaces (character references stay), with positions kept.
func TestAttributeNormalization(t *testing.T) {
	in := "<a x=\"1\t2\r\n3\n4&#10;5\"/>"
	doc, diags := decode("n.xml", []byte(in))
	if doc == nil {
		t.Fatalf("decode failed:\n%s", diagText(diags))
	}
	src := findAttr(doc.root, "x").src
	if want := "1 2 3 4\n5"; src.Text != want {
		t.Errorf("value %q, want %q", src.Text, want)
	}
	for _, tt := range []struct {
		off  int
		want hcl.Pos
	}{
		{strings.Index(src.Text, "3"), p(2, 1, 11)},
		{strings.Index(src.Text, "4"), p(3, 1, 13)},
		{strings.Index(src.Text, "5"), p(3, 7, 19)},
	} {
		if diff := cmp.Diff(tt.want, src.Pos(tt.off)); diff != "" {
			t.Errorf("offset %d (-want +got):\n%s", tt.off, diff)
		}
	}
}

func TestColumnsCountCodePoints(t *testing.T) {
	lx := newLineIndex("u.xml", []byte("\ufeff<a b=\"é€x\"/>\rz"))
	for _, tt := range []struct {
		off  int
		want hcl.Pos
	}{
		{3, p(1, 1, 3)},   // the BOM is not a column
		{14, p(1, 9, 14)}, // after é (2 bytes) and € (3 bytes)
		{19, p(2, 1, 19)}, // a lone CR ends a line
	} {
		if diff := cmp.Diff(tt.want, lx.pos(tt.off)); diff != "" {
			t.Errorf("offset %d (-want +got):\n%s", tt.off, diff)
		}
	}
}
