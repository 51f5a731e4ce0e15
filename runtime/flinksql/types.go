package flinksql

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Status is an operation's status as the gateway reports it.
type Status string

// Operation statuses (Flink's OperationStatus).
const (
	StatusInitialized Status = "INITIALIZED"
	StatusPending     Status = "PENDING"
	StatusRunning     Status = "RUNNING"
	StatusFinished    Status = "FINISHED"
	StatusCanceled    Status = "CANCELED"
	StatusClosed      Status = "CLOSED"
	StatusError       Status = "ERROR"
	StatusTimeout     Status = "TIMEOUT"
)

// Terminal reports whether the operation can no longer change.
func (s Status) Terminal() bool {
	switch s {
	case StatusFinished, StatusCanceled, StatusClosed, StatusError, StatusTimeout:
		return true
	}
	return false
}

// Result types of a fetched page.
const (
	// ResultNotReady: the operation has no results yet; fetch the same
	// token again later.
	ResultNotReady = "NOT_READY"
	// ResultPayload: the page carries rows; more may follow.
	ResultPayload = "PAYLOAD"
	// ResultEOS: the end of the results.
	ResultEOS = "EOS"
)

// Page is one page of an operation's results (FetchResultsResponseBody as
// the gateway serializes it: the columns and rows of ResultInfo are written
// by Flink's own serializer as "columns" and {"kind","fields"} rows).
type Page struct {
	ResultType    string  `json:"resultType"`
	ResultKind    string  `json:"resultKind,omitempty"`
	JobID         string  `json:"jobID,omitempty"`
	NextResultURI string  `json:"nextResultUri,omitempty"`
	Results       Results `json:"results"`
}

// Results are the columns and rows of a page.
type Results struct {
	Columns []Column `json:"columns"`
	Data    []Row    `json:"data"`
}

// Column is one result column.
type Column struct {
	Name string `json:"name"`
}

// Row is one result row: its kind (INSERT, UPDATE_BEFORE, UPDATE_AFTER,
// DELETE) and its fields as JSON values.
type Row struct {
	Kind   string            `json:"kind"`
	Fields []json.RawMessage `json:"fields"`
}

// FieldText renders field i of a row as text: strings unquoted, null as
// "", other values as their JSON text.
func (r Row) FieldText(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	raw := r.Fields[i]
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// NextToken returns the token of the next page named by NextResultURI (its
// last path segment), and false at the end of the results.
func (p *Page) NextToken() (int64, bool) {
	if p.NextResultURI == "" || p.ResultType == ResultEOS {
		return 0, false
	}
	u := p.NextResultURI
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		u = u[i+1:]
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
