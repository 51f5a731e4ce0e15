package oozietime

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/schemas"
)

// ErrUnknownZone is wrapped by every LoadZone error, so callers can test for
// it with errors.Is.
var ErrUnknownZone = errors.New("not a valid time zone ID")

// shortIDs lists the three-letter IDs java.util.TimeZone accepts besides the
// tz database names, with the region they stand for. This is the JDK's
// "old mapping" table (sun.util.calendar.ZoneInfoFile, used by
// TimeZone.getTimeZone and mirrored by java.time.ZoneId.SHORT_IDS) as it
// behaves with the default sun.timezone.ids.oldmapping=false: each alias is
// the full region, DST included, so "PST" follows Los Angeles' DST.
var shortIDs = map[string]string{
	"ACT": "Australia/Darwin",
	"AET": "Australia/Sydney",
	"AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo",
	"AST": "America/Anchorage",
	"BET": "America/Sao_Paulo",
	"BST": "Asia/Dhaka",
	"CAT": "Africa/Harare",
	"CNT": "America/St_Johns",
	"CST": "America/Chicago",
	"CTT": "Asia/Shanghai",
	"EAT": "Africa/Addis_Ababa",
	"ECT": "Europe/Paris",
	"IET": "America/Indiana/Indianapolis",
	"IST": "Asia/Kolkata",
	"JST": "Asia/Tokyo",
	"MIT": "Pacific/Apia",
	"NET": "Asia/Yerevan",
	"NST": "Pacific/Auckland",
	"PLT": "Asia/Karachi",
	"PNT": "America/Phoenix",
	"PRT": "America/Puerto_Rico",
	"PST": "America/Los_Angeles",
	"SST": "Pacific/Guadalcanal",
	"VST": "Asia/Ho_Chi_Minh",
}

// fixedShortIDs are the three IDs the JDK keeps as fixed offsets (its tzdb
// compiler drops the tz database's own EST/MST/HST entries and serves these
// instead), whatever the tz database release says about them.
var fixedShortIDs = map[string]int{
	"EST": -5 * 3600,
	"MST": -7 * 3600,
	"HST": -10 * 3600,
}

// excludedArchiveIDs are archive entries java.util.TimeZone does not accept:
// the JDK's tzdb compiler excludes GMT+0, GMT-0 and ROC, never reads the
// "factory" file, and replaces EST/MST/HST (see fixedShortIDs).
var excludedArchiveIDs = map[string]bool{
	"Factory": true, "GMT+0": true, "GMT-0": true, "ROC": true,
	"EST": true, "MST": true, "HST": true,
}

var (
	gmtColon      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^GMT([+-])(\d{2}):(\d{2})$`) })
	gmtNoColon    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^GMT([+-])(\d{2})(\d{2})$`) })
	threeLetter   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{3}$`) })
	processingTZ  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^UTC$|^GMT[+-][0-9]{4}$`) })
	archiveOnce   sync.Once
	archiveFiles  map[string]*zip.File
	archiveIDList []string
	archiveErr    error
	zoneCache     sync.Map // normalized ID -> *time.Location
)

func loadArchive() {
	archiveFiles = map[string]*zip.File{}
	data := schemas.TZDataZip()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	ids := map[string]bool{}
	if err != nil {
		archiveErr = fmt.Errorf("embedded tzdata archive is unreadable: %w", err)
		r = &zip.Reader{}
	}
	for _, f := range r.File {
		if f.FileInfo().IsDir() || excludedArchiveIDs[f.Name] {
			continue
		}
		archiveFiles[f.Name] = f
		ids[f.Name] = true
	}
	for id := range shortIDs {
		ids[id] = true
	}
	for id := range fixedShortIDs {
		ids[id] = true
	}
	for id := range systemVZones {
		ids[id] = true
	}
	for id := range ids {
		archiveIDList = append(archiveIDList, id)
	}
	sort.Strings(archiveIDList)
}

// LoadZone resolves a time zone ID exactly as Oozie does (DateUtils.getTimeZone
// over java.util.TimeZone): "UTC", "GMT", "GMT±hh:mm", "GMT±hhmm" (normalized
// to "GMT±hh:mm", a fixed offset), every tz database name and link of the
// embedded archive, the JDK's three-letter aliases and its deprecated
// SystemV/* IDs (see IsSystemVZone). The ID must match
// exactly: "utc", "Z", "GMT+5:30" and "PDT" are rejected. Zones come only from
// the embedded database, never from the host, and are cached. As in the JDK,
// transitions before 1900 are ignored: an earlier instant has the zone's raw
// offset (America/New_York is -05:00 in 1850, not its local mean time).
func LoadZone(id string) (loc *time.Location, normalizedID string, err error) {
	norm := id
	if m := matchGMT(gmtNoColon, id); m != nil {
		norm = "GMT" + m[1] + m[2] + ":" + m[3]
	}
	if v, ok := zoneCache.Load(norm); ok {
		return v.(*time.Location), norm, nil
	}
	loc, err = buildZone(norm)
	if errors.Is(err, ErrUnknownZone) {
		return nil, "", fmt.Errorf("%q is %w", id, ErrUnknownZone)
	}
	if err != nil {
		return nil, "", fmt.Errorf("loading time zone %q: %w", id, err)
	}
	v, _ := zoneCache.LoadOrStore(norm, loc)
	return v.(*time.Location), norm, nil
}

// matchGMT returns the submatches of gmt (gmtColon or gmtNoColon) in id;
// an ID that does not start with GMT, as most do, is not matched (nor the
// expression compiled).
func matchGMT(gmt func() *regexp.Regexp, id string) []string {
	if !strings.HasPrefix(id, "GMT") {
		return nil
	}
	return gmt().FindStringSubmatch(id)
}

func buildZone(id string) (*time.Location, error) {
	if m := matchGMT(gmtColon, id); m != nil {
		h := int(m[2][0]-'0')*10 + int(m[2][1]-'0')
		mi := int(m[3][0]-'0')*10 + int(m[3][1]-'0')
		if h > 23 || mi > 59 {
			return nil, ErrUnknownZone
		}
		off := (h*60 + mi) * 60
		if m[1] == "-" {
			off = -off
		}
		return time.FixedZone(id, off), nil
	}
	if off, ok := fixedShortIDs[id]; ok {
		return time.FixedZone(id, off), nil
	}
	if IsSystemVZone(id) {
		return systemVLocation(id)
	}
	entry := id
	if region, ok := shortIDs[id]; ok {
		entry = region
	}
	data, err := archiveEntry(entry)
	if err != nil {
		return nil, err
	}
	if data, err = javaZoneData(id, data); err != nil {
		return nil, err
	}
	return time.LoadLocationFromTZData(id, data)
}

// archiveEntry returns the TZif data of one zone of the embedded archive,
// ErrUnknownZone when there is no such zone. The archive's entries are
// stored uncompressed, so the data is found by reading the zip's central
// directory in place (storedZipEntry); indexing the whole archive with
// archive/zip instead (598 entries) took about half a millisecond, more
// than a one-file lint spends on anything else. An archive that is not in
// that form falls back to archive/zip.
func archiveEntry(entry string) ([]byte, error) {
	if excludedArchiveIDs[entry] || strings.HasSuffix(entry, "/") {
		return nil, ErrUnknownZone
	}
	if data, found, ok := storedZipEntry(schemas.TZDataZip(), entry); ok {
		if !found {
			return nil, ErrUnknownZone
		}
		return data, nil
	}
	archiveOnce.Do(loadArchive)
	f, ok := archiveFiles[entry]
	if !ok {
		if archiveErr != nil {
			return nil, archiveErr
		}
		return nil, ErrUnknownZone
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// storedZipEntry finds the file name in the zip archive zip by its central
// directory (APPNOTE.TXT 4.3.12 and 4.3.16) and returns its data when it
// is stored uncompressed. ok is false when the archive has a form this does
// not read (zip64, a comment, a compressed entry, a bad offset); found
// says whether the archive has a regular file of that name.
func storedZipEntry(zip []byte, name string) (data []byte, found, ok bool) {
	const eocdLen, cdHeaderLen, localHeaderLen = 22, 46, 30
	if len(zip) < eocdLen {
		return nil, false, false
	}
	eocd := zip[len(zip)-eocdLen:]
	if le32(eocd) != 0x06054b50 || le16(eocd[20:]) != 0 {
		return nil, false, false
	}
	n, size, off := int(le16(eocd[10:])), int(le32(eocd[12:])), int(le32(eocd[16:]))
	if n == 0xffff || off+size > len(zip)-eocdLen {
		return nil, false, false
	}
	cd := zip[off : off+size]
	for range n {
		if len(cd) < cdHeaderLen || le32(cd) != 0x02014b50 {
			return nil, false, false
		}
		method, csize, usize := le16(cd[10:]), int(le32(cd[20:])), int(le32(cd[24:]))
		nameLen, extraLen, commentLen := int(le16(cd[28:])), int(le16(cd[30:])), int(le16(cd[32:]))
		local := int(le32(cd[42:]))
		if len(cd) < cdHeaderLen+nameLen+extraLen+commentLen {
			return nil, false, false
		}
		if string(cd[cdHeaderLen:cdHeaderLen+nameLen]) == name {
			if method != 0 || csize != usize || local+localHeaderLen > len(zip) || le32(zip[local:]) != 0x04034b50 {
				return nil, false, false
			}
			start := local + localHeaderLen + int(le16(zip[local+26:])) + int(le16(zip[local+28:]))
			if start+usize > len(zip) {
				return nil, false, false
			}
			return zip[start : start+usize : start+usize], true, true
		}
		cd = cd[cdHeaderLen+nameLen+extraLen+commentLen:]
	}
	return nil, false, true
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// IsThreeLetterID reports whether Oozie logs its three-letter warning for id
// ("GMT, UTC or Region/City Timezone formats are preferred"): three upper-case
// ASCII letters other than UTC and GMT, whether or not the ID is valid.
func IsThreeLetterID(id string) bool {
	return threeLetter().MatchString(id) && id != "UTC" && id != "GMT"
}

// ValidProcessingZone reports whether id is acceptable as
// oozie.processing.timezone: exactly "UTC" or "GMT±hhmm".
func ValidProcessingZone(id string) bool {
	return processingTZ().MatchString(id)
}

// ZoneIDs returns every named ID LoadZone accepts, sorted. The GMT±hh:mm and
// GMT±hhmm offset forms are accepted too but not listed.
func ZoneIDs() []string {
	archiveOnce.Do(loadArchive)
	return append([]string(nil), archiveIDList...)
}
