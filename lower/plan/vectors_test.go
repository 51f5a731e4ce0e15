package plan

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
)

// TestVectorTimesRoundTrip formats every UTC instant that the shared Oozie
// nominal-time vectors mention, and every one in that vector's zone, and
// checks the plan's forms: the UTC form must reproduce Oozie's string, the
// local form must name the same instant.
func TestVectorTimesRoundTrip(t *testing.T) {
	raw := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var doc struct {
		Vectors []struct {
			ID    string          `json:"id"`
			Kind  string          `json:"kind"`
			Input json.RawMessage `json:"input"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	instant := regexp.MustCompile(`"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z)"`)
	n := 0
	for _, v := range doc.Vectors {
		if v.Kind != "nominal-times" {
			continue
		}
		var in struct {
			Timezone string `json:"timezone"`
		}
		json.Unmarshal(v.Input, &in)
		loc := time.UTC
		if in.Timezone != "" && in.Timezone != "UTC" {
			loc = zone(t, in.Timezone)
		}
		for _, m := range instant.FindAllSubmatch(v.Input, -1) {
			s := string(m[1])
			tm := utc(s)
			if got := string(appendUTC(nil, tm)); got != s {
				t.Errorf("%s: appendUTC(%s) = %s", v.ID, s, got)
			}
			local := string(appendLocal(nil, tm.In(loc)))
			back, err := time.Parse("2006-01-02T15:04-07:00", local)
			if err != nil || !back.Equal(tm) {
				t.Errorf("%s: local form %q of %s does not name the same instant (%v)", v.ID, local, s, err)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no nominal-times vectors found")
	}
	t.Logf("%d instants from the nominal-times vectors round-trip", n)
}
