package inputlogic_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

type rawVector struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Subkind  string          `json:"subkind"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

type vector struct {
	ID      string
	Subkind string
	Input   struct {
		XML        string            `json:"input_logic_xml"`
		SelectName string            `json:"select_name"`
		Datasets   string            `json:"datasets"`
		Nominal    string            `json:"action_nominal_time"`
		Events     string            `json:"input_events"`
		Existing   []string          `json:"existing"`
		Props      map[string]string `json:"job_properties"`
	} `json:"input"`
	Expected struct {
		JEXL          string   `json:"jexl"`
		Ready         *bool    `json:"ready"`
		URIs          []string `json:"dataIn(test)_uris_unordered"`
		Count         *int     `json:"dataIn(test)_count"`
		InitialStatus string   `json:"initial_status"`
		NotIncluded   []string `json:"not_included"`
		ErrorCode     string   `json:"error_code"`
	} `json:"expected"`
}

func inputLogicVectors(t *testing.T) []vector {
	t.Helper()
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var doc struct {
		Vectors []rawVector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var out []vector
	for _, r := range doc.Vectors {
		if r.Kind != "input-logic" {
			continue
		}
		v := vector{ID: r.ID, Subkind: r.Subkind}
		if err := json.Unmarshal(r.Input, &v.Input); err != nil {
			t.Fatalf("%s input: %v", r.ID, err)
		}
		if err := json.Unmarshal(r.Expected, &v.Expected); err != nil {
			t.Fatalf("%s expected: %v", r.ID, err)
		}
		out = append(out, v)
	}
	if len(out) != 16 {
		t.Fatalf("got %d input-logic vectors, want 16", len(out))
	}
	return out
}

var isoTime = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\dZ`)

// specOf builds the coordinator a vector describes.
func specOf(v vector) coordSpec {
	s := coordSpec{Initial: "2014-10-08T00:00Z", Nominal: "2014-10-08T00:00Z", Logic: v.Input.XML, Props: map[string]string{}}
	if v.Input.Nominal != "" {
		s.Nominal = v.Input.Nominal
	}
	if m := isoTime.FindString(v.Input.Datasets); m != "" {
		s.Initial = m
	}
	if strings.Contains(v.Input.Events, "current(-5)") {
		s.Ranges = map[string][2]int{}
		for _, d := range "ABCDEF" {
			s.Ranges[string(d)] = [2]int{-5, 0}
		}
	}
	if strings.Contains(v.Input.Datasets, "${A_done_flag}") {
		// The vectors that do not set A_done_flag create a's default marker.
		s.DoneFlag = map[string]string{"a": "${A_done_flag}"}
		s.Props["A_done_flag"] = "_SUCCESS"
	}
	for k, val := range v.Input.Props {
		s.Props[k] = val
	}
	return s
}

func TestVectors(t *testing.T) {
	for _, v := range inputLogicVectors(t) {
		t.Run(v.ID, func(t *testing.T) {
			switch v.Subkind {
			case "parse":
				testParseVector(t, v)
			case "validation":
				testValidationVector(t, v)
			default:
				testEvalVector(t, v)
			}
		})
	}
}

func testParseVector(t *testing.T, v vector) {
	c := specOf(v).mustLoad(t)
	l, diags := inputlogic.Compile(c)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	n := l.Root
	if v.Input.SelectName != "" {
		n = l.Named(v.Input.SelectName)
	}
	if diff := cmp.Diff(v.Expected.JEXL, n.Expr()); diff != "" {
		t.Errorf("Expr (-want +got):\n%s", diff)
	}
}

func testEvalVector(t *testing.T, v vector) {
	s := specOf(v)
	c := s.mustLoad(t)
	now := mustTime(t, s.Nominal).Add(1)
	if v.Expected.InitialStatus == "WAITING" {
		if res, _, _ := s.check(t, c, nil, now); res.Satisfied() {
			t.Fatalf("with no input the action is %v, want waiting", res.Status)
		}
	}
	res, _, _ := s.check(t, c, v.Input.Existing, now)
	if !res.Satisfied() {
		t.Fatalf("status %v (first missing %q), want satisfied", res.Status, res.FirstMissing)
	}
	got, ok := res.Nodes["test"]
	if !ok {
		t.Fatalf("node test is not satisfied: %v", res.Nodes)
	}
	if v.Expected.URIs != nil {
		want := append([]string{}, v.Expected.URIs...)
		sort.Strings(want)
		if diff := cmp.Diff(want, rel(got)); diff != "" {
			t.Errorf("dataIn(test) (-want +got):\n%s", diff)
		}
	}
	if v.Expected.Count != nil && len(got) != *v.Expected.Count {
		t.Errorf("dataIn(test) has %d URIs, want %d: %v", len(got), *v.Expected.Count, rel(got))
	}
	for _, prefix := range v.Expected.NotIncluded {
		for _, u := range rel(got) {
			if strings.HasPrefix(u, prefix+"/") {
				t.Errorf("dataIn(test) includes %s", u)
			}
		}
	}
}

// testValidationVector: the vector's logic names "b" where the data-in is
// "B" (Data set not found), and its ranges differ; Oozie's dry run reports
// E0803 around E1028, coordc reports E1028 at Submit. Both problems are
// checked: as written, and with the name fixed.
func testValidationVector(t *testing.T, v vector) {
	s := specOf(v)
	s.Ranges = map[string][2]int{"A": {-5, 0}, "B": {-4, 0}}
	s.Nominal = "2014-10-08T12:00Z"
	c, diags := s.load(t)
	_, cdiags := inputlogic.Compile(c)
	diags = append(diags, cdiags...)
	if !hasCode(diags, "E1028") {
		t.Errorf("unknown data-in: want E1028, got %v", diags)
	}
	s.Logic = strings.Replace(s.Logic, `dataset="b"`, `dataset="B"`, 1)
	c = s.mustLoad(t)
	l, cdiags := inputlogic.Compile(c)
	if cdiags.HasErrors() {
		t.Fatal(cdiags)
	}
	act, adiags := schedule.ActionAt(c, mustTime(t, s.Nominal), schedule.Options{})
	if adiags.HasErrors() {
		t.Fatal(adiags)
	}
	vd := inputlogic.Validate(l, schedule.LogicInputs(*act, *act))
	if !hasCode(vd, "E1028") || !strings.Contains(vd[0].Detail, "Combine should have same range") {
		t.Fatalf("range mismatch: want E1028 \"Combine should have same range\", got %v", vd)
	}
	if vd[0].Subject == nil || vd[0].Subject.Start.Line == 0 {
		t.Errorf("range mismatch has no position: %v", vd[0])
	}
}

func hasCode(diags []*hcl.Diagnostic, code string) bool {
	for _, d := range diags {
		if string(diag.CodeOf(d)) == code {
			return true
		}
	}
	return false
}
