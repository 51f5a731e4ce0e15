package flinkfake

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
)

// exchange is one request to the fake and its decoded answer.
type exchange struct {
	route  string
	status int
	body   any
	raw    string
}

// harness sends requests to a fake and records every exchange.
type harness struct {
	t    *testing.T
	srv  *Server
	log  []exchange
	hc   *http.Client
	clk  *clocktest.Fake
	jar  string
	jobs map[string]string
}

func newHarness(t *testing.T, opts Options) *harness {
	clk := clocktest.New(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	opts.Clock = clk
	srv := New(opts)
	t.Cleanup(srv.Close)
	return &harness{t: t, srv: srv, hc: &http.Client{Timeout: 10 * time.Second}, clk: clk, jobs: map[string]string{}}
}

func (h *harness) do(method, path, contentType string, body []byte) exchange {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL()+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	_, _, key, _ := matchRoute(method, strings.SplitN(path, "?", 2)[0])
	ex := exchange{route: key, status: resp.StatusCode, raw: string(raw)}
	if err := json.Unmarshal(raw, &ex.body); err != nil {
		h.t.Errorf("%s %s: answer is not JSON: %q", method, path, raw)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		h.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	h.log = append(h.log, ex)
	return ex
}

func (h *harness) json(method, path string, v any) exchange {
	h.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.do(method, path, "application/json", b)
}

// jarBytes is a minimal jar whose manifest names mainClass.
func jarBytes(t *testing.T, mainClass string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("META-INF/MANIFEST.MF")
	if err == nil {
		_, err = io.WriteString(w, "Manifest-Version: 1.0\r\nMain-Class: "+mainClass+"\r\n")
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (h *harness) upload(field, name string, data []byte) exchange {
	h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if name != "" {
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			h.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	if err := mw.Close(); err != nil {
		h.t.Fatal(err)
	}
	return h.do(http.MethodPost, "/jars/upload", mw.FormDataContentType(), buf.Bytes())
}
