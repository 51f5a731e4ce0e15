package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzDispatch sends any method with any params to an initialized server
// that has a coordinator open; no input may panic (handle's recover is not
// in the way here, so a panic fails the fuzz run).
func FuzzDispatch(f *testing.F) {
	dir := writeFiles(f, map[string]string{"coordinator.xml": coordXML, "datasets.xml": datasetsXML})
	uri := pathToURI(filepath.Join(dir, "coordinator.xml"))
	doc := func(line, char int) string {
		return fmt.Sprintf(`{"textDocument":{"uri":%q},"position":{"line":%d,"character":%d}}`, uri, line, char)
	}
	f.Add(protocol.MethodTextDocumentHover, doc(0, 42))
	f.Add(protocol.MethodTextDocumentHover, doc(9, 26))
	f.Add(protocol.MethodTextDocumentDefinition, doc(8, 41))
	f.Add(protocol.MethodTextDocumentReferences, doc(8, 22))
	f.Add(protocol.MethodTextDocumentCompletion, doc(10, 28))
	f.Add(protocol.MethodTextDocumentCompletion, doc(99, 99999))
	f.Add(protocol.MethodTextDocumentCodeAction, fmt.Sprintf(`{"textDocument":{"uri":%q},"range":{"start":{"line":0,"character":0},"end":{"line":4294967295,"character":4294967295}}}`, uri))
	f.Add(protocol.MethodTextDocumentFormatting, fmt.Sprintf(`{"textDocument":{"uri":%q}}`, uri))
	f.Add(protocol.MethodTextDocumentDidChange, fmt.Sprintf(`{"textDocument":{"uri":%q,"version":2},"contentChanges":[{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":44}},"text":"${coord:days(1)}"}]}`, uri))
	f.Add(protocol.MethodTextDocumentDidChange, fmt.Sprintf(`{"textDocument":{"uri":%q,"version":3},"contentChanges":[{"text":"<coordinator-app"}]}`, uri))
	f.Add(protocol.MethodTextDocumentDidOpen, `{"textDocument":{"uri":"file:///nonexistent/x.coord.hcl","languageId":"hcl","version":1,"text":"coordinator \"x\" {"}}`)
	f.Add(protocol.MethodTextDocumentDidOpen, `{"textDocument":{"uri":"untitled:1","text":""}}`)
	f.Add(protocol.MethodInitialize, `null`)
	f.Add("$/cancelRequest", `{"id":1}`)
	f.Add("no/such/method", `[1,2,3]`)
	f.Add(protocol.MethodTextDocumentHover, `{"textDocument":{"uri":1}}`)

	s := NewServer(Options{Now: march5})
	if _, err := s.dispatch(protocol.MethodInitialize, raw(`{}`)); err != nil {
		f.Fatal(err)
	}
	open := fmt.Sprintf(`{"textDocument":{"uri":%q,"languageId":"xml","version":1,"text":%s}}`, uri, quote(coordXML))
	if _, err := s.dispatch(protocol.MethodTextDocumentDidOpen, raw(open)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, params string) {
		s.dispatch(method, raw(params))
	})
}

// FuzzStream writes arbitrary bytes to a server's stream: framing errors,
// bad JSON and bad JSON-RPC must end the session or be answered, never
// crash or hang it.
func FuzzStream(f *testing.F) {
	frame := func(body string) []byte { return []byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)) }
	f.Add(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`))
	f.Add(append(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`), frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.xml"},"position":{"line":0,"character":0}}}`)...))
	f.Add(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":`))
	f.Add(frame(`[]`))
	f.Add([]byte("Content-Length: 99999999999\r\n\r\n{}"))
	f.Add([]byte("Content-Length: -1\r\n\r\n"))
	f.Add([]byte("garbage\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		srvEnd, cliEnd := net.Pipe()
		done := make(chan struct{})
		go func() {
			NewServer(Options{}).Serve(context.Background(), srvEnd)
			close(done)
		}()
		go func() {
			buf := make([]byte, 4096)
			for {
				if _, err := cliEnd.Read(buf); err != nil {
					return
				}
			}
		}()
		cliEnd.SetWriteDeadline(time.Now().Add(2 * time.Second))
		cliEnd.Write(data)
		cliEnd.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the server did not stop when the client went away")
		}
	})
}

func raw(s string) *json.RawMessage {
	r := json.RawMessage(s)
	return &r
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
