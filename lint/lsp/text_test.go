package lsp

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestTextPositions(t *testing.T) {
	// Line 0 "a😀b" (😀: 4 bytes, 2 UTF-16 units), \r\n, line 1 "é" then a
	// lone \r, line 2 "x".
	tx := newText([]byte("a😀b\r\né\rx"))
	for _, tc := range []struct {
		off int
		pos protocol.Position
	}{
		{0, pos(0, 0)}, {1, pos(0, 1)}, {5, pos(0, 3)}, {6, pos(0, 4)},
		{8, pos(1, 0)}, {10, pos(1, 1)}, {11, pos(2, 0)}, {12, pos(2, 1)},
	} {
		if got := tx.position(tc.off); got != tc.pos {
			t.Errorf("position(%d) = %v, want %v", tc.off, got, tc.pos)
		}
		if got := tx.offset(tc.pos); got != tc.off {
			t.Errorf("offset(%v) = %d, want %d", tc.pos, got, tc.off)
		}
	}
	// A column inside a surrogate pair or past the line's end clamps.
	if got := tx.offset(pos(0, 2)); got != 1 {
		t.Errorf("offset inside a surrogate pair = %d, want 1", got)
	}
	if got := tx.offset(pos(0, 99)); got != 6 {
		t.Errorf("offset past the end of line 0 = %d, want 6", got)
	}
	if got := tx.offset(pos(9, 0)); got != 12 {
		t.Errorf("offset past the last line = %d, want 12", got)
	}
	// hcl positions: Byte when it agrees with Line, else Line and Column.
	if got := tx.hclOffset(hcl.Pos{Line: 1, Column: 3, Byte: 5}); got != 5 {
		t.Errorf("hclOffset by byte = %d", got)
	}
	if got := tx.hclOffset(hcl.Pos{Line: 1, Column: 3, Byte: 0}); got != 0 {
		t.Errorf("hclOffset of byte 0 on line 1 = %d", got)
	}
	if got := tx.hclOffset(hcl.Pos{Line: 2, Column: 2, Byte: 0}); got != 10 {
		t.Errorf("hclOffset by line:column = %d, want 10", got)
	}
}

func TestURIs(t *testing.T) {
	for _, p := range []string{"/tmp/a b/c.xml", "/tmp/日報/x.coord.hcl"} {
		if got := uriToPath(pathToURI(p)); got != p {
			t.Errorf("round trip of %q: %q (%s)", p, got, pathToURI(p))
		}
	}
	if got := uriToPath("untitled:1"); got != "" {
		t.Errorf("untitled: %q", got)
	}
}
