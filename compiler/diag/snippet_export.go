package diag

import (
	"bytes"
	"io"

	"github.com/hashicorp/hcl/v2"
)

// WriteSnippet writes the source line rng starts on, with a gutter and an
// underline below the covered columns, as WriteText does. It writes
// nothing when file is nil or rng does not fit it.
func WriteSnippet(w io.Writer, rng hcl.Range, file []byte) error {
	return WriteSnippetPalette(w, rng, file, Palette{})
}

// WriteSnippetPalette is WriteSnippet with a coloured underline.
func WriteSnippetPalette(w io.Writer, rng hcl.Range, file []byte, pal Palette) error {
	var b bytes.Buffer
	writeSnippet(&b, rng, file, pal)
	_, err := w.Write(b.Bytes())
	return err
}
