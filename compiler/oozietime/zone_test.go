package oozietime

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"sort"
	"testing"

	"github.com/coordc/coordc/schemas"
	"github.com/google/go-cmp/cmp"
)

func TestLoadZoneValid(t *testing.T) {
	oddHost(t)
	july, jan := mustTime(t, "2016-07-01T12:00Z"), mustTime(t, "2016-01-01T12:00Z")
	tests := []struct {
		id, norm              string
		julyOffset, janOffset int // minutes east of UTC
	}{
		{"UTC", "UTC", 0, 0},
		{"GMT", "GMT", 0, 0},
		{"GMT+05:30", "GMT+05:30", 330, 330},
		{"GMT+0530", "GMT+05:30", 330, 330},
		{"GMT-0700", "GMT-07:00", -420, -420},
		{"GMT+00:00", "GMT+00:00", 0, 0},
		{"GMT-23:59", "GMT-23:59", -1439, -1439},
		{"America/Los_Angeles", "America/Los_Angeles", -420, -480},
		{"US/Pacific", "US/Pacific", -420, -480},
		{"PST8PDT", "PST8PDT", -420, -480},
		{"Universal", "Universal", 0, 0},
		{"Etc/GMT+5", "Etc/GMT+5", -300, -300},
		{"PST", "PST", -420, -480},
		{"CST", "CST", -300, -360},
		{"IST", "IST", 330, 330},
		{"JST", "JST", 540, 540},
		{"AET", "AET", 600, 660},
		{"EST", "EST", -300, -300},
		{"MST", "MST", -420, -420},
		{"HST", "HST", -600, -600},
		{"Australia/Lord_Howe", "Australia/Lord_Howe", 630, 660},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			loc, norm, err := LoadZone(tc.id)
			if err != nil {
				t.Fatalf("LoadZone(%q): %v", tc.id, err)
			}
			_, jo := july.In(loc).Zone()
			_, ja := jan.In(loc).Zone()
			want := []any{tc.norm, tc.julyOffset, tc.janOffset}
			got := []any{norm, jo / 60, ja / 60}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("LoadZone(%q) normalized ID, July and January offsets (-want +got):\n%s", tc.id, diff)
			}
		})
	}
}

func TestLoadZoneInvalid(t *testing.T) {
	for _, id := range []string{"", "utc", "Z", "GMT+5:30", "GMT+5", "GMT+05", "GMT+24:00", "GMT+05:60", "GMT+0",
		"GMT-0", "ROC", "Factory", "Americas/Los_Angeles", "American/Chicago", "UTZ", "America/Los_Angles", "PDT",
		"This_is_not_a_TimeZone_id", "US/Los Angeles", " UTC", "America/Los_Angeles ", "../zoneinfo.zip"} {
		t.Run(id, func(t *testing.T) {
			_, _, err := LoadZone(id)
			if !errors.Is(err, ErrUnknownZone) {
				t.Fatalf("LoadZone(%q) error = %v, want ErrUnknownZone", id, err)
			}
			if diff := cmp.Diff(`"`+id+`" is not a valid time zone ID`, err.Error()); id != "" && diff != "" {
				t.Errorf("error text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadZoneCaches(t *testing.T) {
	a, _, _ := LoadZone("GMT+0530")
	b, _, _ := LoadZone("GMT+05:30")
	if a != b {
		t.Errorf("GMT+0530 and GMT+05:30 loaded two locations")
	}
}

func TestZoneIDs(t *testing.T) {
	ids := ZoneIDs()
	if !sort.StringsAreSorted(ids) {
		t.Errorf("ZoneIDs not sorted")
	}
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	for _, id := range []string{"UTC", "GMT", "PST", "EST", "VST", "America/Los_Angeles", "US/Pacific", "Etc/GMT-14"} {
		if !set[id] {
			t.Errorf("ZoneIDs lacks %q", id)
		}
	}
	for _, id := range []string{"Factory", "ROC", "GMT+0", "PDT"} {
		if set[id] {
			t.Errorf("ZoneIDs lists %q, which Java rejects", id)
		}
	}
	for _, id := range ids {
		if _, _, err := LoadZone(id); err != nil {
			t.Errorf("listed ID %q does not load: %v", id, err)
		}
	}
	ids[0] = "mutated"
	if ZoneIDs()[0] == "mutated" {
		t.Errorf("ZoneIDs returns its internal slice")
	}
}

func TestIsThreeLetterID(t *testing.T) {
	got := map[string]bool{}
	for _, id := range []string{"PST", "PDT", "BST", "CST", "UTC", "GMT", "America/Los_Angeles", "utc", "Pst", "ESTX", "EST"} {
		got[id] = IsThreeLetterID(id)
	}
	want := map[string]bool{"PST": true, "PDT": true, "BST": true, "CST": true, "UTC": false, "GMT": false,
		"America/Los_Angeles": false, "utc": false, "Pst": false, "ESTX": false, "EST": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestValidProcessingZone(t *testing.T) {
	got := map[string]bool{}
	for _, id := range []string{"UTC", "GMT+0900", "GMT-0300", "GMT+09:00", "GMT", "utc", "America/Los_Angeles", "US/Los Angeles", "GMT+900"} {
		got[id] = ValidProcessingZone(id)
	}
	want := map[string]bool{"UTC": true, "GMT+0900": true, "GMT-0300": true, "GMT+09:00": false, "GMT": false,
		"utc": false, "America/Los_Angeles": false, "US/Los Angeles": false, "GMT+900": false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSuggestZone(t *testing.T) {
	tests := map[string]string{
		"utc":                            "UTC",
		"Americas/Los_Angeles":           "America/Los_Angeles",
		"America/Los_Angles":             "America/Los_Angeles",
		"American/Chicago":               "America/Chicago",
		"us/pacific":                     "US/Pacific",
		"GMT+5:30":                       "GMT+05:30",
		"gmt-7":                          "GMT-07:00",
		"UTZ":                            "UTC",
		"kolkata":                        "Asia/Kolkata",
		"Los Angeles":                    "America/Los_Angeles",
		"XYZ":                            "",
		"UTC":                            "",
		"":                               "",
		"completely-unrelated-text-here": "",
	}
	got := map[string]string{}
	for in := range tests {
		got[in] = SuggestZone(in)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestStoredZipEntry: reading the embedded archive in place gives the same
// data as archive/zip for every entry, and finds no others.
func TestStoredZipEntry(t *testing.T) {
	data := schemas.TZDataZip()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.File {
		got, found, ok := storedZipEntry(data, f.Name)
		if !ok || !found {
			t.Fatalf("%s: found %v, ok %v", f.Name, found, ok)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		want, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: data differs from archive/zip's", f.Name)
		}
	}
	for _, name := range []string{"", "Nowhere/City", "america/los_angeles", "Europe/"} {
		if _, found, ok := storedZipEntry(data, name); !ok || found {
			t.Errorf("%q: found %v, ok %v", name, found, ok)
		}
	}
	for _, bad := range [][]byte{nil, data[:len(data)-1], append(append([]byte{}, data...), 0)} {
		if _, _, ok := storedZipEntry(bad, "Europe/Paris"); ok {
			t.Errorf("a damaged archive of %d bytes is read", len(bad))
		}
	}
}
