package cron

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
)

type vector struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Input    map[string]any  `json:"input"`
	Expected json.RawMessage `json:"expected"`
	Notes    string          `json:"notes"`
	Unsure   bool            `json:"unsure"`
}

func loadVectors(t *testing.T) []vector {
	path := corpus.Shared(t, "reference", "vectors", "oozie-vectors.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("vectors not readable: %v", err)
	}
	var doc struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Vectors
}

// TestSharedCronVectors runs every `cron` vector.
func TestSharedCronVectors(t *testing.T) {
	n := 0
	for _, v := range loadVectors(t) {
		if v.Kind != "cron" {
			continue
		}
		n++
		t.Run(v.ID, func(t *testing.T) {
			expr := v.Input["cron"].(string)
			e, err := Parse(expr)
			if err != nil {
				t.Fatalf("Parse(%q): %v", expr, err)
			}
			var want string
			if json.Unmarshal(v.Expected, &want) == nil {
				got, ok := e.Next(mustTime(t, v.Input["after"].(string)))
				if !ok || got.Format(layout) != want {
					t.Errorf("Next(%s) = %v, %v; want %s", v.Input["after"], got, ok, want)
				}
				return
			}
			var meaning struct {
				Valid bool `json:"valid"`
			}
			if err := json.Unmarshal(v.Expected, &meaning); err != nil || !meaning.Valid {
				t.Fatalf("unexpected expectation %s", v.Expected)
			}
			// A "next fire after" stated in the notes is checked too.
			if m := regexp.MustCompile(`next fire after (\S+) is (\S+)Z`).FindStringSubmatch(v.Notes); m != nil {
				got, ok := e.Next(mustTime(t, m[1]+"T00:00Z"))
				if !ok || got.Format(layout) != m[2]+"Z" {
					t.Errorf("Next(%s) = %v, %v; want %sZ", m[1], got, ok, m[2])
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no cron vectors found")
	}
}

// TestSharedValidationVectors runs the validation-error vectors whose
// frequency is a literal cron expression (or a literal that is neither an
// integer nor EL, which must then be rejected as cron).
func TestSharedValidationVectors(t *testing.T) {
	n := 0
	for _, v := range loadVectors(t) {
		freq, _ := v.Input["frequency"].(string)
		if v.Kind != "validation-error" || freq == "" || strings.Contains(freq, "${") {
			continue
		}
		if _, err := strconv.ParseInt(strings.TrimSpace(freq), 10, 32); err == nil {
			continue
		}
		n++
		t.Run(v.ID, func(t *testing.T) {
			var exp struct {
				Valid           *bool  `json:"valid"`
				Accepted        *bool  `json:"accepted"`
				Rejected        bool   `json:"rejected"`
				MessageContains string `json:"message_contains"`
			}
			if err := json.Unmarshal(v.Expected, &exp); err != nil {
				t.Fatal(err)
			}
			start, end := mustTime(t, "2013-01-01T00:00Z"), mustTime(t, "2014-01-01T00:00Z")
			if s, ok := v.Input["start"].(string); ok {
				start = mustTime(t, s)
			}
			if s, ok := v.Input["end"].(string); ok {
				end = mustTime(t, s)
			}
			err := Validate(freq, start, end)
			wantOK := (exp.Valid != nil && *exp.Valid) || (exp.Accepted != nil && *exp.Accepted)
			if wantOK {
				if err != nil {
					t.Errorf("Validate(%q) = %v, want accepted", freq, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate(%q) accepted, want rejected", freq)
			}
			if exp.MessageContains == "" {
				return
			}
			// The vector's notes may quote the code's exact message where the
			// spec paraphrases it.
			if m := regexp.MustCompile(`the code message is '([^']*)'`).FindStringSubmatch(v.Notes); m != nil {
				if err.Error() != m[1] {
					t.Errorf("message %q, want the code's %q", err.Error(), m[1])
				}
				var ve *ValidationError
				if !errors.As(err, &ve) || ve.Code != "E1003" {
					t.Errorf("error %#v, want a ValidationError with code E1003", err)
				}
				return
			}
			if !strings.Contains(err.Error(), exp.MessageContains) {
				t.Errorf("message %q does not contain %q", err.Error(), exp.MessageContains)
			}
		})
	}
	if n == 0 {
		t.Fatal("no cron validation vectors found")
	}
}
