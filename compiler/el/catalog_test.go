package el

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/schemas"
)

var (
	hcatIn  = []string{"databaseIn", "tableIn", "dataInPartitionFilter", "dataInPartitionMin", "dataInPartitionMax", "dataInPartitions"}
	hcatOut = []string{"databaseOut", "tableOut", "dataOutPartitions", "dataOutPartitionValue"}
)

// expandNames turns one comma-separated list of SEMANTICS.md into names.
func expandNames(list string) []string {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n), "."))
		if i := strings.Index(n, "→"); i >= 0 {
			n = n[:i]
		}
		switch n {
		case "":
		case "latest*":
			out = append(out, "latest", "latestRange")
		case "future*":
			out = append(out, "future", "futureRange")
		case "endOf*":
			out = append(out, "endOfDays", "endOfWeeks", "endOfMonths")
		case "HCat functions", "all HCat functions":
			out = append(out, append(slices.Clone(hcatIn), hcatOut...)...)
		case "HCat out-functions":
			out = append(out, hcatOut...)
		default:
			out = append(out, n)
		}
	}
	return out
}

// parseGroupRow reads the functions cell of a group row of the table.
func parseGroupRow(cell string) map[string]string {
	cell = regexp.MustCompile(`\*\*[^*]*\*\*|\([^)]*\)`).ReplaceAllString(cell, "")
	modes := map[string]string{}
	for _, seg := range strings.Split(cell, ";") {
		seg = strings.TrimSpace(seg)
		mode := ModeReal
		for _, p := range []struct{ prefix, mode string }{
			{"echo-only:", ModeEcho}, {"echo:", ModeEcho}, {"echo ", ModeEcho},
			{"fixed dummies:", ModeDummy}, {"real:", ModeReal}, {"real ", ModeReal},
		} {
			if strings.HasPrefix(seg, p.prefix) {
				seg, mode = seg[len(p.prefix):], p.mode
				break
			}
		}
		if name, ok := strings.CutSuffix(seg, " returns the dummy text `2009-03-06T010:00`"); ok {
			seg, mode = name, ModeDummy
		}
		for _, n := range expandNames(seg) {
			modes["coord:"+n] = mode
		}
	}
	return modes
}

// TestCatalogMatchesSemantics checks every group row of SEMANTICS.md §2
// against the embedded catalog: the same functions with the same modes.
func TestCatalogMatchesSemantics(t *testing.T) {
	data := corpus.ReadShared(t, "reference", "SEMANTICS.md")
	row := regexp.MustCompile(`(?m)^\| (coord-[a-z-]+) \| ([^|]*) \| ([^|]*) \|$`)
	rows := row.FindAllStringSubmatch(string(data), -1)
	if len(rows) != 11 {
		t.Fatalf("found %d group rows in SEMANTICS.md §2, want 11", len(rows))
	}
	for _, r := range rows {
		group, consts, funcs := r[1], r[2], r[3]
		want := parseGroupRow(funcs)
		want["hadoop:conf"] = ModeReal // "hadoop:conf is in every group"
		got := map[string]string{}
		for _, f := range Functions() {
			if m := f.Groups[group]; m != "" {
				got[f.Name] = m
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("group %s functions (-want +got):\n%s", group, diff)
		}
		wantConsts := append([]string{}, expandNames(regexp.MustCompile(`\([^)]*\)|=\d+|–`).ReplaceAllString(consts, ""))...)
		gotConsts := []string{}
		for _, c := range wantConsts {
			if _, ok := constant(group, c); ok {
				gotConsts = append(gotConsts, c)
			}
		}
		if diff := cmp.Diff(wantConsts, gotConsts); diff != "" {
			t.Errorf("group %s constants (-want +got):\n%s", group, diff)
		}
	}
	for _, f := range Functions() {
		if f.Groups["job-submit"] != "" {
			t.Errorf("%s is in job-submit, which resolves job properties only", f.Name)
		}
	}
}

func TestCatalogAPI(t *testing.T) {
	if _, err := decodeCatalog(schemas.ELFunctionsJSON()); err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	f, ok := Lookup("coord:hoursInDay")
	if !ok || f.Dummy["coord-job-submit-instances"] != "24" || f.Result != "int" || len(f.Params) != 1 {
		t.Errorf("Lookup(coord:hoursInDay) = %+v, %v", f, ok)
	}
	if _, ok := Lookup("coord:nope"); ok {
		t.Error("Lookup(coord:nope) succeeded")
	}
	fs := Functions()
	if !slices.IsSortedFunc(fs, func(a, b *Function) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("Functions() is not sorted")
	}
	if len(Groups()) != 12 || !slices.IsSorted(Groups()) {
		t.Errorf("Groups() = %v", Groups())
	}
	if got := GroupPlace("coord-action-start"); got != "the action configuration" {
		t.Errorf("GroupPlace = %q", got)
	}
	types := []string{"int", "float", "number", "string", "bool", "datetime", "timeunit", "any"}
	for _, f := range fs {
		if f.Doc == "" || !slices.Contains(types, f.Result) || len(f.Groups) == 0 {
			t.Errorf("%s: incomplete entry %+v", f.Name, f)
		}
		for _, p := range f.Params {
			if !slices.Contains(types, p.Type) {
				t.Errorf("%s: parameter %s has unknown type %q", f.Name, p.Name, p.Type)
			}
		}
	}
	for _, bad := range []string{`{`, `{"groups":{},"functions":[{"name":"a","groups":{"x":"real"}}]}`,
		`{"groups":{"g":{}},"functions":[{"name":"a","groups":{"g":"dummy"}}]}`,
		`{"groups":{"g":{"constants":{"A":"x"}}},"functions":[]}`} {
		if _, err := decodeCatalog([]byte(bad)); err == nil {
			t.Errorf("decodeCatalog(%s) succeeded", bad)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := map[string]string{
		"coord:currnet": "coord:current", "current": "coord:current", "wf:current": "coord:current",
		"coord:Current": "coord:current", "coord:nominaltime": "coord:nominalTime", "coord:dataout": "coord:dataOut",
		"coord:xyz": "", "hadoop:cnf": "hadoop:conf", "coord:day": "coord:days",
	}
	for in, want := range tests {
		got, unique := nearest(in)
		if !unique {
			got = ""
		}
		if got != want {
			t.Errorf("nearest(%q) = %q (unique: %v), want %q", in, got, unique, want)
		}
	}
}
