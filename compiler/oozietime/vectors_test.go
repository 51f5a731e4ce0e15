package oozietime

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/google/go-cmp/cmp"
)

type vector struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Subkind  string          `json:"subkind"`
	Input    map[string]any  `json:"input"`
	Expected json.RawMessage `json:"expected"`
	Unsure   bool            `json:"unsure"`
}

// loadVectors reads the shared Oozie test vectors, skipping the test when
// the shared reference directory is not checked out next to the repo.
func loadVectors(t *testing.T) []vector {
	t.Helper()
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file.Vectors
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func TestVectorsValidation(t *testing.T) {
	ran := 0
	for _, v := range loadVectors(t) {
		var exp map[string]any
		_ = json.Unmarshal(v.Expected, &exp)
		var got, want any
		switch {
		case strings.HasPrefix(v.ID, "val-datetime-"):
			_, err := ParseDateTime(str(v.Input, "datetime"))
			got, want = err == nil, exp["valid"]
		case strings.HasPrefix(v.ID, "val-processing-tz-"):
			got, want = ValidProcessingZone(str(v.Input, "processing_timezone")), exp["valid"]
		case strings.HasPrefix(v.ID, "val-tz-"), strings.HasPrefix(v.ID, "val-tzid-"):
			_, _, err := LoadZone(str(v.Input, "timezone"))
			got, want = err == nil, exp["valid"]
		case strings.HasPrefix(v.ID, "val-three-letter-"):
			got, want = IsThreeLetterID(str(v.Input, "timezone")), exp["three_letter_warning"]
		default:
			continue
		}
		ran++
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %v (-want +got):\n%s", v.ID, v.Input, diff)
		}
	}
	if ran < 15 {
		t.Errorf("only %d validation vectors ran", ran)
	}
	t.Logf("%d validation vectors passed", ran)
}

func TestVectorsDSTOffset(t *testing.T) {
	ran := 0
	for _, v := range loadVectors(t) {
		if v.Subkind != "dst-offset" {
			continue
		}
		ran++
		loc := mustZone(t, str(v.Input, "timezone"))
		var exp struct {
			DSTOffsetMs    *int64 `json:"dst_offset_ms"`
			AdjustedTarget string `json:"adjusted_target"`
		}
		if err := json.Unmarshal(v.Expected, &exp); err != nil {
			t.Fatal(err)
		}
		if exp.DSTOffsetMs != nil {
			got := DSTOffset(loc, mustTime(t, str(v.Input, "begin")), mustTime(t, str(v.Input, "end")))
			if diff := cmp.Diff(*exp.DSTOffsetMs, got.Milliseconds()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", v.ID, diff)
			}
			continue
		}
		// DaylightOffsetCalculator.calculate: target + getDSTOffset(start, end).
		off := DSTOffset(loc, mustTime(t, str(v.Input, "start")), mustTime(t, str(v.Input, "end")))
		got := FormatDateTime(mustTime(t, str(v.Input, "target")).Add(off))
		if diff := cmp.Diff(exp.AdjustedTarget, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", v.ID, diff)
		}
	}
	if ran == 0 {
		t.Error("no dst-offset vectors ran")
	}
	t.Logf("%d dst-offset vectors passed", ran)
}

var (
	elCall     = regexp.MustCompile(`^\$\{coord:(dateOffset|dateTzOffset|formatTime|epochTime)\((.*)\)\}$`)
	intLiteral = regexp.MustCompile(`^-?\d+$`)
)

// elArgs splits literal EL arguments ('a', "b", 2, -1); ok is false when an
// argument is not a literal (those vectors need the EL evaluator).
func elArgs(s string) ([]string, bool) {
	var out []string
	for _, a := range strings.Split(s, ",") {
		a = strings.TrimSpace(a)
		switch {
		case len(a) >= 2 && (a[0] == '"' || a[0] == '\'') && a[len(a)-1] == a[0]:
			out = append(out, a[1:len(a)-1])
		case intLiteral.MatchString(a):
			out = append(out, a)
		default:
			return nil, false
		}
	}
	return out, true
}

var oozieUnits = map[string]Field{"MINUTE": Minute, "HOUR": Hour, "DAY": Day, "WEEK": Week, "MONTH": Month, "YEAR": Year}

// TestVectorsELTime runs the dateOffset, dateTzOffset, formatTime and
// epochTime vectors whose arguments are literals, in the UTC processing
// zone; submit-time echo vectors belong to the EL evaluator.
func TestVectorsELTime(t *testing.T) {
	oddHost(t)
	ran := 0
	for _, v := range loadVectors(t) {
		m := elCall.FindStringSubmatch(str(v.Input, "expression"))
		var want string
		if m == nil || json.Unmarshal(v.Expected, &want) != nil || strings.HasPrefix(want, "${") {
			continue
		}
		args, ok := elArgs(m[2])
		if !ok {
			continue
		}
		ts := mustTime(t, args[0])
		var got string
		var err error
		switch m[1] {
		case "dateOffset":
			n, _ := strconv.Atoi(args[1])
			got = FormatDateTime(Add(ts, time.UTC, oozieUnits[args[2]], n))
		case "dateTzOffset":
			got, err = FormatJava(ts, mustZone(t, args[1]), "yyyy-MM-dd'T'HH:mm'Z'")
		case "formatTime":
			got, err = FormatJava(ts, time.UTC, args[1])
		case "epochTime":
			if strings.EqualFold(args[1], "true") {
				got = strconv.FormatInt(ts.UnixMilli(), 10)
			} else {
				got = strconv.FormatInt(ts.Unix(), 10)
			}
		}
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		ran++
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", v.ID, m[0], diff)
		}
	}
	if ran < 10 {
		t.Errorf("only %d EL time vectors ran", ran)
	}
	t.Logf("%d EL time vectors passed", ran)
}
