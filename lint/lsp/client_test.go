package lsp

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// client is an LSP client talking to a Server over an in-memory pipe, as an
// editor does over stdio.
type client struct {
	t    testing.TB
	conn *jsonrpc2.Conn
	diag chan published
	done chan struct{}
}

func newClient(t testing.TB, opts Options) *client {
	t.Helper()
	srvEnd, cliEnd := net.Pipe()
	srv := NewServer(opts)
	done := make(chan struct{})
	go func() {
		srv.Serve(context.Background(), srvEnd)
		close(done)
	}()
	c := &client{t: t, diag: make(chan published, 100), done: done}
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(cliEnd, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == protocol.ServerTextDocumentPublishDiagnostics && req.Params != nil {
				var p published
				if err := json.Unmarshal(*req.Params, &p); err == nil {
					c.diag <- p
				}
			}
			return nil, nil
		}))
	t.Cleanup(func() {
		c.conn.Notify(context.Background(), protocol.MethodExit, nil)
		c.conn.Close()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("server did not stop after exit")
		}
	})
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, protocol.InitializeParams{}, &res)
	if res.ServerInfo == nil || res.ServerInfo.Name != "coordc" {
		t.Fatalf("initialize: server info %+v", res.ServerInfo)
	}
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(path string) string {
	c.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	uri := pathToURI(path)
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "xml", Version: 1, Text: string(data)}})
	return uri
}

func (c *client) change(uri string, version int32, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}},
	})
}

// diagnostics waits for the diagnostics of uri at version.
func (c *client) diagnostics(uri string, version int32) []wireDiag {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case p := <-c.diag:
			if p.URI == uri && p.Version != nil && int32(*p.Version) == version {
				return p.Diagnostics
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func rng(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: pos(l1, c1), End: pos(l2, c2)}
}

func docPos(uri string, line, char uint32) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos(line, char)}
}

// writeFiles writes a project below a fresh directory (with .git, so that
// the .coordc.hcl search stops there) and returns the directory.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// published and wireDiag decode what the server sends (glsp's own
// IntegerOrString cannot be decoded: its UnmarshalJSON has a value
// receiver).
type published struct {
	URI         string     `json:"uri"`
	Version     *int32     `json:"version"`
	Diagnostics []wireDiag `json:"diagnostics"`
}

type wireDiag struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     string         `json:"code"`
	Source   string         `json:"source"`
	Message  string         `json:"message"`
}

// codes lists the diagnostics' codes, sorted.
func codes(ds []wireDiag) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Code)
	}
	sort.Strings(out)
	return out
}

func find(ds []wireDiag, code string) *wireDiag {
	for i := range ds {
		if ds[i].Code == code {
			return &ds[i]
		}
	}
	return nil
}

// applyEdits applies LSP text edits to text, as an editor does.
func applyEdits(t testing.TB, text string, edits []protocol.TextEdit) string {
	t.Helper()
	tx := newText([]byte(text))
	sort.Slice(edits, func(i, j int) bool { return tx.offset(edits[i].Range.Start) > tx.offset(edits[j].Range.Start) })
	out := text
	for _, e := range edits {
		s, en := tx.offset(e.Range.Start), tx.offset(e.Range.End)
		out = out[:s] + e.NewText + out[en:]
	}
	return out
}
