package lint

import (
	"sort"

	"github.com/coordc/coordc/compiler/diag"
)

// FixResult is the outcome of ApplyFixes.
type FixResult struct {
	// Files maps each changed file to its new contents.
	Files map[string][]byte
	// Fixed and Skipped are indexes into the findings: fixes applied, and
	// fixes not applied because they overlap an earlier one or point
	// outside the file.
	Fixed, Skipped []int
}

// ApplyFixes applies the fixes of the unsuppressed findings (in their
// sorted order) to the sources. A finding's edits are applied all together
// or not at all; when they overlap the edits of an earlier finding, or an
// edit is out of range, the finding is skipped. Edits only replace the
// bytes they cover: files are never reformatted.
func ApplyFixes(fs []Finding, src diag.Sources) FixResult {
	res := FixResult{Files: map[string][]byte{}}
	accepted := map[string][]diag.Edit{}
	for i := range fs {
		f := &fs[i]
		e, ok := f.Diag.Extra.(*diag.Extra)
		if f.Suppressed || !ok || e == nil || len(e.Fixes) == 0 {
			continue
		}
		if !fits(e.Fixes, src, accepted) {
			res.Skipped = append(res.Skipped, i)
			continue
		}
		for _, ed := range e.Fixes {
			accepted[ed.Range.Filename] = append(accepted[ed.Range.Filename], ed)
		}
		res.Fixed = append(res.Fixed, i)
	}
	for name, edits := range accepted {
		res.Files[name] = applyEdits(src[name], edits)
	}
	return res
}

// fits reports whether every edit is inside its file and overlaps neither
// the accepted edits nor the other edits of the same fix.
func fits(edits []diag.Edit, src diag.Sources, accepted map[string][]diag.Edit) bool {
	for i, ed := range edits {
		r := ed.Range
		data, ok := src[r.Filename]
		if !ok || r.Start.Byte < 0 || r.End.Byte > len(data) || r.Start.Byte > r.End.Byte {
			return false
		}
		for _, other := range append(append([]diag.Edit{}, accepted[r.Filename]...), edits[:i]...) {
			if other.Range.Filename == r.Filename && overlaps(other, ed) {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether two edits touch the same bytes; two insertions
// at one point also conflict, as their order would be arbitrary.
func overlaps(a, b diag.Edit) bool {
	as, ae, bs, be := a.Range.Start.Byte, a.Range.End.Byte, b.Range.Start.Byte, b.Range.End.Byte
	if as == ae && bs == be {
		return as == bs
	}
	return as < be && bs < ae || as == bs
}

func applyEdits(data []byte, edits []diag.Edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start.Byte < edits[j].Range.Start.Byte })
	out := make([]byte, 0, len(data))
	at := 0
	for _, ed := range edits {
		out = append(out, data[at:ed.Range.Start.Byte]...)
		out = append(out, ed.Text...)
		at = ed.Range.End.Byte
	}
	return append(out, data[at:]...)
}
