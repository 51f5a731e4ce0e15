package oozietime

import (
	"time"
)

// utcIDs and gmtIDs are the IDs Java names "UTC" / "GMT" in the 'z' letter.
var (
	utcIDs = map[string]bool{"UTC": true, "Etc/UTC": true, "UCT": true, "Etc/UCT": true,
		"Universal": true, "Etc/Universal": true, "Zulu": true, "Etc/Zulu": true}
	gmtIDs = map[string]bool{"GMT": true, "Etc/GMT": true, "GMT0": true, "Etc/GMT0": true,
		"Etc/GMT+0": true, "Etc/GMT-0": true, "Greenwich": true, "Etc/Greenwich": true}
)

// longZoneNames gives the Locale US long name ('zzzz') of the common
// abbreviations; other abbreviations fall back to the "GMT±hh:mm" form.
var longZoneNames = map[string]string{
	"PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
	"MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
	"CST": "Central Standard Time", "CDT": "Central Daylight Time",
	"EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
	"AKST": "Alaska Standard Time", "AKDT": "Alaska Daylight Time",
	"HST": "Hawaii Standard Time",
	"CET": "Central European Time", "CEST": "Central European Summer Time",
	"EET": "Eastern European Time", "EEST": "Eastern European Summer Time",
	"WET": "Western European Time", "WEST": "Western European Summer Time",
	"JST": "Japan Standard Time", "KST": "Korea Standard Time",
	"GMT": "Greenwich Mean Time", "BST": "British Summer Time",
}

// longZoneNamesByID covers abbreviations whose meaning depends on the zone.
var longZoneNamesByID = map[string]string{
	"Asia/Kolkata/IST": "India Standard Time", "Asia/Calcutta/IST": "India Standard Time",
	"IST/IST": "India Standard Time", "Europe/Dublin/IST": "Irish Standard Time",
}

// zoneDisplayName is the 'z' (long: 'zzzz') letter. It is exact for the
// zones Oozie formats in — the processing zone, UTC or a GMT±hh:mm offset —
// and for US/European abbreviations; for other regions it uses the tz
// database abbreviation, or "GMT±hh:mm" where the database has only a
// numeric one, which can differ from the JDK's locale data.
func zoneDisplayName(lt time.Time, loc *time.Location, long bool) string {
	id := loc.String()
	abbr, off := lt.Zone()
	switch {
	case utcIDs[id]:
		if long {
			return "Coordinated Universal Time"
		}
		return "UTC"
	case gmtIDs[id]:
		if long {
			return "Greenwich Mean Time"
		}
		return "GMT"
	case matchGMT(gmtColon, id) != nil:
		return id
	}
	if isAlpha(abbr) {
		if !long {
			return abbr
		}
		if name, ok := longZoneNamesByID[id+"/"+abbr]; ok {
			return name
		}
		if name, ok := longZoneNames[abbr]; ok {
			return name
		}
	}
	return gmtOffsetID(off)
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return s != ""
}

// gmtOffsetID formats an offset the way Java names custom zones: "GMT+05:30".
func gmtOffsetID(sec int) string {
	mins := sec / 60
	sign := "+"
	if mins < 0 {
		sign, mins = "-", -mins
	}
	return "GMT" + sign + zeroPad(int64(mins/60), 2, -1) + ":" + zeroPad(int64(mins%60), 2, -1)
}
