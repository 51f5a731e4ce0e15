package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestLSPCommand drives `coordc lsp` over its standard input and output:
// initialize, open the daily-logs example with an unsaved mistake, shut
// down. The diagnostics arrive before exit closes the session.
func TestLSPCommand(t *testing.T) {
	abs, err := filepath.Abs("../../testdata/examples/daily-logs/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(`<coordinator-app name="x" frequency="1440" start="2009-03-01T08:00Z" end="2009-03-15T07:00Z" timezone="America/Los_Angeles" xmlns="uri:oozie:coordinator:0.4"><action><workflow><app-path>hdfs://nn/app</app-path></workflow></action></coordinator-app>`, `"`, `\"`, -1)
	var in bytes.Buffer
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://%s","languageId":"xml","version":1,"text":"%s"}}}`, filepath.ToSlash(abs), text),
		fmt.Sprintf(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://%s"},"position":{"line":0,"character":38}}}`, filepath.ToSlash(abs)),
		`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`,
	} {
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"coordc", "lsp", "--debounce", "0s"}, &in, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{`"serverInfo":{"name":"coordc"`, `"code":"DST001"`, `**frequency** of coordinator`, `"id":3,"result":null`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, out.String())
		}
	}
	if code := run([]string{"coordc", "lsp", "extra"}, strings.NewReader(""), &out, &errb); code != exitUsage {
		t.Errorf("lsp with an argument: exit %d, want %d", code, exitUsage)
	}
}
