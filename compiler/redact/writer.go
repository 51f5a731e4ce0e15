package redact

import (
	"bytes"
	"io"
)

// maxLine is how much of a line without a newline Writer holds back.
const maxLine = 64 << 10

// Writer masks the policy's secret values in everything written through
// it, a line at a time (a secret never spans lines; of a line longer than
// 64 KiB, only a tail as long as the longest secret is held back). Flush writes a last
// unterminated line. A nil policy writes through unchanged.
type Writer struct {
	w   io.Writer
	p   *Policy
	buf []byte
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer, p *Policy) *Writer { return &Writer{w: w, p: p} }

// Write masks and writes every complete line of b, keeping the rest.
func (w *Writer) Write(b []byte) (int, error) {
	if w.p == nil || len(w.buf) == 0 && w.p.longest() == 0 {
		return w.w.Write(b) // nothing to mask
	}
	w.buf = append(w.buf, b...)
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 { // only b can hold a new line end
		i += len(w.buf) - len(b)
		if _, err := io.WriteString(w.w, w.p.Text(string(w.buf[:i+1]))); err != nil {
			return 0, err
		}
		w.buf = append(w.buf[:0], w.buf[i+1:]...)
	}
	if len(w.buf) > maxLine {
		// A very long line: mask what is there and write all but a tail
		// that may hold the start of a secret still to be completed.
		masked := w.p.Text(string(w.buf))
		cut := len(masked) - max(w.p.longest()-1, 0)
		if _, err := io.WriteString(w.w, masked[:cut]); err != nil {
			return 0, err
		}
		w.buf = append(w.buf[:0], masked[cut:]...)
	}
	return len(b), nil
}

// Flush writes what is left after the last newline.
func (w *Writer) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(w.w, w.p.Text(string(w.buf)))
	w.buf = w.buf[:0]
	return err
}
