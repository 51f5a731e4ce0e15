package rules

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/lint"
)

// FuzzTimeRules lints coordinators with arbitrary frequencies, datetimes,
// zones and instance expressions with every time rule: no rule may crash
// (lint.Run turns a panic into an internal finding), and every finding
// must point into the file.
func FuzzTimeRules(f *testing.F) {
	f.Add("1440", "2009-01-02T08:00Z", "2010-01-02T08:00Z", "America/Los_Angeles", "${coord:hours(24)}", "2009-01-01T08:00Z", "PST", "${coord:current(-23)}")
	f.Add("${coord:days(1)}", "2016-01-01T10:30Z", "2017-01-01T10:30Z", "America/Los_Angeles", "${coord:hours(1)}", "2016-01-01T00:00Z", "America/Los_Angeles", "${coord:current(-24)}")
	f.Add("${coord:months(1)}", "2016-02-13T10:30Z", "2030-02-13T10:30Z", "Europe/Paris", "${coord:months(1)}", "2009-01-31T00:00Z", "UTC", "${coord:current(0)}")
	f.Add("0 20 * * *", "2019-01-01T20:00Z", "2020-01-01T20:00Z", "Europe/Paris", "${coord:minutes(30)}", "2019-02-01T00:00Z", "BST", "${coord:current(-47)}")
	f.Add("0 0 29 2 *", "2019-01-01T00:00Z", "2040-01-01T00:00Z", "Australia/Sydney", "60", "1970-01-01T00:00Z", "EST", "${coord:latest(0)}")
	f.Add("${coord:endOfWeeks(1)}", "2009-01-04T00:00Z", "2009-01-05T00:00Z", "CET", "${coord:endOfDays(1)}", "2009-1-2T3:7Z", "American/Chicago", "${coord:offset(-1, 'DAY')}")
	f.Add("${coord:hours(6)}", "2012-08-08T12:42+0900", "9999-12-31T23:59Z", "GMT+5:30", "1440", "2009-02-30T00:00Z", "utc", "${coord:current(-(coord:hoursInDay(-1) - 1))}")
	f.Add("* * * * *", "1970-01-01T00:00Z", "2999-12-31T00:00Z", "Pacific/Chatham", "${coord:days(7)}", "2100-01-01T00:00Z", "Antarctica/Troll", "${coord:current(0)}")
	f.Fuzz(func(t *testing.T, freq, start, end, tz, dsFreq, dsInitial, dsTZ, instance string) {
		var b bytes.Buffer
		fmt.Fprintf(&b, `<coordinator-app name="f" xmlns="uri:oozie:coordinator:0.4" frequency="%s" start="%s" end="%s" timezone="%s">
  <controls><timeout>%s</timeout></controls>
  <datasets>
    <dataset name="d" frequency="%s" initial-instance="%s" timezone="%s">
      <uri-template>hdfs:///d/${YEAR}/${MONTH}/${DAY}/${HOUR}/${MINUTE}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="in" dataset="d">
      <start-instance>%s</start-instance>
      <end-instance>${coord:current(0)}</end-instance>
    </data-in>
  </input-events>
  <action><workflow><app-path>hdfs:///apps/f</app-path></workflow></action>
</coordinator-app>
`, esc(freq), esc(start), esc(end), esc(tz), esc(dsFreq), esc(dsFreq), esc(dsInitial), esc(dsTZ), esc(instance))
		path := filepath.Join(t.TempDir(), "f.xml")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		res, diags := compiler.Load([]string{path}, compiler.Options{})
		for _, fd := range lint.Run(res.Project, res.Sources, diags, timeRules, nil) {
			if fd.Internal {
				t.Fatalf("%s\n%s", fd.Diag.Summary, fd.Diag.Detail)
			}
			if fd.RuleID == "" {
				continue
			}
			r := fd.Diag.Subject
			if r == nil || r.Filename != path || r.Start.Byte < 0 || r.End.Byte > b.Len() || r.Start.Byte > r.End.Byte {
				t.Fatalf("%s finding %q has a range outside the file: %v", fd.RuleID, fd.Diag.Summary, r)
			}
		}
	})
}

// esc escapes s for an XML attribute or element.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
