package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Options configure a server.
type Options struct {
	// Debounce is how long a document must stay unchanged before it is
	// analyzed again (zero: at once); runs of one document never overlap,
	// and a change during a run makes one more run with the newest text.
	// `coordc lsp` uses DefaultDebounce.
	Debounce time.Duration
	// Now is the clock for "next action" hovers; nil means time.Now.
	Now func() time.Time
	// Version is reported as the server's version.
	Version string
}

// DefaultDebounce is the quiet time after a change before diagnostics run:
// short, since a 500-line coordinator is analyzed in a few milliseconds
// and runs of one document never overlap (a burst of changes costs at most
// one run in flight and one with the newest text).
const DefaultDebounce = 10 * time.Millisecond

// Server is one language server session. Create it with NewServer and run
// it with Serve.
type Server struct {
	opts    Options
	handler protocol.Handler

	mu     sync.Mutex
	docs   map[string]*document // by URI
	notify func(method string, params any)
}

// document is an open text document and its latest analysis.
type document struct {
	uri     string
	path    string
	version int32
	text    *text

	timer   *time.Timer
	running bool // an analysis is in flight
	dirty   bool // changed since the running analysis took its snapshot
	result  *analysis
	closed  bool
}

// NewServer returns a server with no open documents.
func NewServer(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, docs: map[string]*document{}, notify: func(string, any) {}}
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:               func(*glsp.Context) error { s.drain(5 * time.Second); return nil },
		SetTrace:               func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:    s.didOpen,
		TextDocumentDidChange:  s.didChange,
		TextDocumentDidClose:   s.didClose,
		TextDocumentDidSave:    func(*glsp.Context, *protocol.DidSaveTextDocumentParams) error { return nil },
		TextDocumentHover:      s.hover,
		TextDocumentDefinition: s.definition,
		TextDocumentReferences: s.references,
		TextDocumentCompletion: s.completion,
		TextDocumentCodeAction: s.codeAction,
		TextDocumentFormatting: s.formatting,
		WorkspaceDidChangeWatchedFiles: func(*glsp.Context, *protocol.DidChangeWatchedFilesParams) error {
			s.reanalyzeAll()
			return nil
		},
	}
	return s
}

// Serve runs the protocol over stream until the client disconnects or
// sends exit, or ctx ends.
func (s *Server) Serve(ctx context.Context, stream io.ReadWriteCloser) error {
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(s.handle))
	s.mu.Lock()
	s.notify = func(method string, params any) { _ = conn.Notify(ctx, method, params) }
	s.mu.Unlock()
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.closeAll()
	return nil
}

// handle dispatches one JSON-RPC message. Requests are handled in arrival
// order (jsonrpc2 calls handlers one at a time). A panic is a bug: it
// becomes an internal error reply, never a crash of the editor's server.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("coordc lsp: internal error in %s: %v (please report it)", req.Method, r)}
		}
	}()
	if req.Method == protocol.MethodExit {
		return nil, conn.Close()
	}
	return s.dispatch(req.Method, req.Params)
}

// dispatch runs the handler of method with raw params; it is what handle
// does after framing, exposed to the fuzz test.
func (s *Server) dispatch(method string, params *json.RawMessage) (any, error) {
	gctx := &glsp.Context{Method: method, Notify: func(m string, p any) { s.send(m, p) }, Call: func(string, any, any) {}}
	if params != nil {
		gctx.Params = *params
	}
	r, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + method}
	case !validParams:
		msg := "invalid params"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

func (s *Server) send(method string, params any) {
	s.mu.Lock()
	notify := s.notify
	s.mu.Unlock()
	notify(method, params)
}

func (s *Server) initialize(_ *glsp.Context, _ *protocol.InitializeParams) (any, error) {
	caps := s.handler.CreateServerCapabilities()
	full := protocol.TextDocumentSyncKindFull
	caps.TextDocumentSync = &protocol.TextDocumentSyncOptions{OpenClose: &protocol.True, Change: &full}
	caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{":", "<", "'", "\"", ".", "/"}}
	quick, fixAll := protocol.CodeActionKindQuickFix, codeActionFixAll
	caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{quick, fixAll}}
	version := s.opts.Version
	return protocol.InitializeResult{
		Capabilities: caps,
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: "coordc", Version: &version},
	}, nil
}

func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	path := uriToPath(p.TextDocument.URI)
	if path == "" {
		return fmt.Errorf("coordc lsp serves file:// documents, not %q", p.TextDocument.URI)
	}
	s.mu.Lock()
	d := &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, text: newText([]byte(p.TextDocument.Text))}
	if old := s.docs[d.uri]; old != nil {
		old.closed = true
		stopTimer(old)
	}
	s.docs[d.uri] = d
	s.schedule(d, 0)
	s.mu.Unlock()
	return nil
}

func (s *Server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("document %q is not open", p.TextDocument.URI)
	}
	for _, ch := range p.ContentChanges {
		switch c := ch.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = newText([]byte(c.Text))
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				d.text = newText([]byte(c.Text))
				continue
			}
			start, end := d.text.offset(c.Range.Start), d.text.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			data := make([]byte, 0, len(d.text.data)-(end-start)+len(c.Text))
			data = append(append(append(data, d.text.data[:start]...), c.Text...), d.text.data[end:]...)
			d.text = newText(data)
		}
	}
	d.version = p.TextDocument.Version
	// Open documents that read this one (an include, a bundle's
	// coordinator) or share its directory (HCL configurations, datasets
	// files) are analyzed again too.
	for _, o := range s.docs {
		if o == d || o.result == nil || o.result.read(d.path) || filepath.Dir(o.path) == filepath.Dir(d.path) {
			o.result = nil
			s.schedule(o, s.opts.Debounce)
		}
	}
	return nil
}

func (s *Server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil {
		d.closed = true
		stopTimer(d)
		delete(s.docs, p.TextDocument.URI)
	}
	s.mu.Unlock()
	if d != nil {
		s.send(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
	}
	// Other documents may have read this one's unsaved text.
	s.reanalyzeAll()
	return nil
}

func stopTimer(d *document) {
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
}

// schedule runs an analysis of d after delay, restarting the delay on every
// call. Called with s.mu held.
func (s *Server) schedule(d *document, delay time.Duration) {
	stopTimer(d)
	if d.running {
		d.dirty = true
		return
	}
	if delay <= 0 {
		d.running = true
		go s.run(d)
		return
	}
	var timer *time.Timer
	timer = time.AfterFunc(delay, func() {
		s.mu.Lock()
		if d.timer != timer {
			s.mu.Unlock()
			return // stopped or replaced after it fired
		}
		d.timer = nil
		if d.closed || d.running {
			d.dirty = d.dirty || d.running
			s.mu.Unlock()
			return
		}
		d.running = true
		s.mu.Unlock()
		s.run(d)
	})
	d.timer = timer
}

// run analyzes d until no change arrived during the last run, publishing
// the diagnostics of each run that is still current.
func (s *Server) run(d *document) {
	for {
		s.mu.Lock()
		d.dirty = false
		version, overlay := d.version, s.overlayLocked()
		s.mu.Unlock()

		a := analyze(d.path, overlay)

		s.mu.Lock()
		current := !d.dirty && d.version == version && !d.closed
		if current {
			a.version = version
			d.result = a
		}
		s.mu.Unlock()
		if current {
			v := uint32(version)
			s.send(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: a.diagnostics()})
		}
		// Not running any more only once the diagnostics are sent: drain
		// (shutdown) must not answer before them.
		s.mu.Lock()
		again := d.dirty && !d.closed
		if !again {
			d.running = false
		}
		s.mu.Unlock()
		if !again {
			return
		}
	}
}

// reanalyzeAll schedules every open document again (another file changed).
func (s *Server) reanalyzeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		d.result = nil
		s.schedule(d, s.opts.Debounce)
	}
}

// drain waits (at most timeout) until no analysis is pending or running,
// so that shutdown answers after the last diagnostics were sent.
func (s *Server) drain(timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		busy := false
		for _, d := range s.docs {
			busy = busy || d.running || d.timer != nil
		}
		s.mu.Unlock()
		if !busy {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func (s *Server) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for uri, d := range s.docs {
		d.closed = true
		stopTimer(d)
		delete(s.docs, uri)
	}
}

// overlayLocked is the text of every open document by path.
func (s *Server) overlayLocked() map[string][]byte {
	m := make(map[string][]byte, len(s.docs))
	for _, d := range s.docs {
		m[d.path] = d.text.data
	}
	return m
}

// at resolves a position request: the document, its current analysis,
// its text and the byte offset of the position. A nil text means the
// analysis has not read the document (nothing to answer).
func (s *Server) at(p protocol.TextDocumentPositionParams) (*document, *analysis, *text, int, error) {
	d, a, err := s.current(p.TextDocument.URI)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	t := a.textOf(d.path)
	if t == nil {
		return d, a, nil, 0, nil
	}
	return d, a, t, t.offset(p.Position), nil
}

// current returns the analysis of the document at uri for its current
// text, running it now when the debounced one has not finished.
func (s *Server) current(uri string) (*document, *analysis, error) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil, nil, fmt.Errorf("document %q is not open", uri)
	}
	if a := d.result; a != nil {
		s.mu.Unlock()
		return d, a, nil
	}
	version, overlay := d.version, s.overlayLocked()
	s.mu.Unlock()
	a := analyze(d.path, overlay)
	a.version = version
	s.mu.Lock()
	if d.version == version && d.result == nil {
		d.result = a
	}
	s.mu.Unlock()
	return d, a, nil
}
