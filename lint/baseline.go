package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
)

// Fingerprint identifies a finding without its line number, so that it
// survives edits elsewhere in the file: a hash of the rule (or code), the
// summary and the source lines the finding covers with white space
// collapsed. The file name is not part of it; baselines pair it with the
// file.
func Fingerprint(f *Finding, src diag.Sources) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", f.Code, f.Diag.Summary)
	if s := f.Diag.Subject; s != nil {
		data := src[s.Filename]
		if s.Start.Byte >= 0 && s.End.Byte <= len(data) && s.Start.Byte <= s.End.Byte {
			from := s.Start.Byte
			for from > 0 && data[from-1] != '\n' {
				from--
			}
			to := s.End.Byte
			for to < len(data) && data[to] != '\n' {
				to++
			}
			h.Write([]byte(strings.Join(strings.Fields(string(data[from:to])), " ")))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// BaselineVersion is the format_version of baseline files.
const BaselineVersion = "1"

// Baseline is a recorded set of accepted findings: later runs suppress the
// findings it holds (kind External) and report only new ones. Each entry
// matches as many findings as it was recorded for.
type Baseline struct {
	// Dir is the directory file names in the baseline are relative to.
	Dir     string
	entries map[baselineKey]int
}

type baselineKey struct{ file, fingerprint string }

type baselineFile struct {
	FormatVersion string          `json:"format_version"`
	Findings      []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	RuleID      string `json:"rule_id"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

// ReadBaseline parses a baseline file whose names are relative to dir.
func ReadBaseline(r io.Reader, dir string) (*Baseline, error) {
	var bf baselineFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&bf); err != nil {
		return nil, fmt.Errorf("not a coordc baseline: %w", err)
	}
	if bf.FormatVersion != BaselineVersion {
		return nil, fmt.Errorf("baseline format_version %q is not supported (want %q)", bf.FormatVersion, BaselineVersion)
	}
	b := &Baseline{Dir: dir, entries: map[baselineKey]int{}}
	for _, e := range bf.Findings {
		b.entries[baselineKey{e.File, e.Fingerprint}]++
	}
	return b, nil
}

// WriteBaseline records every unsuppressed rule finding of fs (load errors
// excluded: they cannot be baselined) with names relative to dir.
func WriteBaseline(w io.Writer, fs []Finding, dir string) error {
	bf := baselineFile{FormatVersion: BaselineVersion, Findings: []baselineEntry{}}
	for i := range fs {
		f := &fs[i]
		if f.RuleID == "" || f.fatal || f.Internal || f.Suppressed {
			continue
		}
		bf.Findings = append(bf.Findings, baselineEntry{RuleID: f.RuleID, File: relTo(dir, subject(f.Diag).Filename), Fingerprint: f.Fingerprint, Message: f.Diag.Summary})
	}
	sort.SliceStable(bf.Findings, func(i, j int) bool {
		a, b := bf.Findings[i], bf.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Fingerprint < b.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(bf)
}

// Apply suppresses the findings the baseline records (Run calls it when
// Config.Baseline is set); it does not change b.
func (b *Baseline) Apply(fs []Finding) {
	left := make(map[baselineKey]int, len(b.entries))
	for k, n := range b.entries {
		left[k] = n
	}
	for i := range fs {
		f := &fs[i]
		if f.RuleID == "" || f.fatal || f.Internal || f.Suppressed {
			continue
		}
		k := baselineKey{relTo(b.Dir, subject(f.Diag).Filename), f.Fingerprint}
		if left[k] > 0 {
			left[k]--
			f.Suppressed = true
			f.Suppression = &Suppression{Kind: External, Reason: "baseline"}
		}
	}
}

// relTo returns name relative to dir, slash separated; names that cannot
// be made relative are only cleaned.
func relTo(dir, name string) string {
	if name == "" {
		return ""
	}
	if dir == "" {
		dir = "."
	}
	absDir, err1 := filepath.Abs(dir)
	absName, err2 := filepath.Abs(name)
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(absDir, absName); err == nil {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}
