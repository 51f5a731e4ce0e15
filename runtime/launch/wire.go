package launch

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The supervisor and the processes that launch through it talk over two
// pipes in frames: a uvarint length, then the payload. A payload is an
// op byte and a uvarint launch number; a prepare adds the launch's
// directory, working directory, argv and environment, each string a
// uvarint length and its bytes (argv and environment behind a uvarint
// count). Strings are bytes, not text: an argument need not be UTF-8.

// op is the kind of a frame.
type op byte

// Frame kinds.
const (
	opPrepare op = iota + 1 // launcher to supervisor: a launch to hold until go
	opGo                    // launcher to supervisor: run the prepared launch
	opAbort                 // launcher to supervisor: never run it (record it unstarted)
	opEnded                 // supervisor to launcher: the launch's record is written
)

// maxFrame bounds a frame's length, well above what execve accepts for
// argv and environment together.
const maxFrame = 16 << 20

// message is one frame.
type message struct {
	op  op
	seq uint64
	// The launch, for opPrepare only.
	dir, workDir string
	args, env    []string
}

// appendMessage appends m's frame to b.
func appendMessage(b []byte, m message) []byte {
	p := []byte{byte(m.op)}
	p = binary.AppendUvarint(p, m.seq)
	if m.op == opPrepare {
		p = appendString(p, m.dir)
		p = appendString(p, m.workDir)
		p = appendStrings(p, m.args)
		p = appendStrings(p, m.env)
	}
	b = binary.AppendUvarint(b, uint64(len(p)))
	return append(b, p...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// errFrame is a frame that does not decode.
var errFrame = errors.New("launch: malformed supervisor frame")

// readMessage reads one frame. It returns io.EOF at a clean end between
// frames and an error wrapping errFrame for anything it cannot decode.
func readMessage(r *bufio.Reader) (message, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		if err == io.EOF {
			return message{}, io.EOF
		}
		return message{}, fmt.Errorf("%w: %v", errFrame, err)
	}
	if n == 0 || n > maxFrame {
		return message{}, fmt.Errorf("%w: length %d", errFrame, n)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return message{}, fmt.Errorf("%w: %v", errFrame, err)
	}
	return decodeMessage(p)
}

// decodeMessage decodes a frame's payload.
func decodeMessage(p []byte) (message, error) {
	d := decoder{p: p}
	m := message{op: op(d.byte())}
	m.seq = d.uvarint()
	switch m.op {
	case opPrepare:
		m.dir = d.string()
		m.workDir = d.string()
		m.args = d.strings()
		m.env = d.strings()
		if d.err == nil && (m.dir == "" || len(m.args) == 0 || m.args[0] == "") {
			d.err = errors.New("prepare without a directory or a command")
		}
	case opGo, opAbort, opEnded:
	default:
		d.fail()
	}
	if d.err == nil && len(d.p) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return message{}, fmt.Errorf("%w: %v", errFrame, d.err)
	}
	return m, nil
}

// decoder reads a payload; the first failure sticks.
type decoder struct {
	p   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("truncated or invalid field")
	}
	d.p = nil
}

func (d *decoder) byte() byte {
	if len(d.p) == 0 {
		d.fail()
		return 0
	}
	b := d.p[0]
	d.p = d.p[1:]
	return b
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.p = d.p[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.p)) {
		d.fail()
		return ""
	}
	s := string(d.p[:n])
	d.p = d.p[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.uvarint()
	if n > uint64(len(d.p)) { // each string takes at least one byte
		d.fail()
		return nil
	}
	ss := make([]string, 0, n)
	for range n {
		if d.err != nil {
			return nil
		}
		ss = append(ss, d.string())
	}
	return ss
}
