package sla

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/runtime/state"
)

// filterKind is how a filter name's value is read.
type filterKind int

const (
	likeText  filterKind = iota // text, % and _ wildcards, comma-separated values ORed
	exactText                   // text, comma-separated values ORed
	contains                    // one of the comma-separated values is in the column's list
	timeMin                     // Oozie date, column >= value
	timeMax                     // Oozie date, column <= value
	numMin                      // integer, column >= value
	numMax                      // integer, column <= value
	inBundle                    // bundle job IDs or names, comma-separated: the actions of its coordinator jobs
)

type filterName struct {
	column string
	kind   filterKind
}

// filterNames are the filter names of Oozie's `oozie sla -filter` and GET
// /v2/sla (DG_SLAMonitoring), with nominal_start/nominal_end as the
// compatibility names of nominal_after/nominal_before.
var filterNames = map[string]filterName{
	"app_name":              {"app_name", likeText},
	"app_type":              {"app_type", likeText},
	"user_name":             {"user_name", likeText},
	"job_status":            {"job_status", likeText},
	"id":                    {"job_id", exactText},
	"parent_id":             {"parent_id", exactText},
	"bundle":                {"parent_id", inBundle},
	"sla_status":            {"sla_status", exactText},
	"event_status":          {"event_status", contains},
	"nominal_after":         {"nominal_time", timeMin},
	"nominal_start":         {"nominal_time", timeMin},
	"nominal_before":        {"nominal_time", timeMax},
	"nominal_end":           {"nominal_time", timeMax},
	"created_after":         {"created_time", timeMin},
	"created_before":        {"created_time", timeMax},
	"expectedstart_after":   {"expected_start", timeMin},
	"expectedstart_before":  {"expected_start", timeMax},
	"expectedend_after":     {"expected_end", timeMin},
	"expectedend_before":    {"expected_end", timeMax},
	"actualstart_after":     {"actual_start", timeMin},
	"actualstart_before":    {"actual_start", timeMax},
	"actualend_after":       {"actual_end", timeMin},
	"actualend_before":      {"actual_end", timeMax},
	"actual_duration_min":   {"actual_duration", numMin},
	"actual_duration_max":   {"actual_duration", numMax},
	"expected_duration_min": {"expected_duration", numMin},
	"expected_duration_max": {"expected_duration", numMax},
}

// SortNames maps Oozie's sortby values to summary columns.
var SortNames = map[string]string{
	"actualDuration": "actual_duration", "actualEndTS": "actual_end", "actualStartTS": "actual_start",
	"appName": "app_name", "appType": "app_type", "createdTimeTS": "created_time", "eventProcessed": "event_processed",
	"eventStatus": "event_status", "expectedDuration": "expected_duration", "expectedEndTS": "expected_end",
	"expectedStartTS": "expected_start", "jobId": "job_id", "jobStatus": "job_status", "lastModifiedTS": "last_modified_time",
	"nominalTimeTS": "nominal_time", "parentId": "parent_id", "slaStatus": "sla_status", "user": "user_name",
}

// ParseFilter reads an Oozie SLA filter, "name=value;name=value" (values of
// the text names comma-separated and ORed), into conditions that all must
// hold.
func ParseFilter(s string) ([]state.SLACondition, error) {
	var out []state.SLACondition
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("filter %q: want name=value", part)
		}
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		f, known := filterNames[name]
		if !known {
			return nil, fmt.Errorf("filter %q: unknown name; known are %s", name, strings.Join(knownFilters(), ", "))
		}
		c := state.SLACondition{Column: f.column}
		switch f.kind {
		case inBundle:
			c.Op = state.InBundle
			for _, v := range strings.Split(value, ",") {
				c.Values = append(c.Values, strings.TrimSpace(v))
			}
		case likeText, exactText, contains:
			c.Op = "="
			if f.kind == likeText {
				c.Op = "LIKE"
			}
			for _, v := range strings.Split(value, ",") {
				v = strings.TrimSpace(v)
				if name == "sla_status" || name == "event_status" || name == "app_type" || name == "job_status" {
					v = strings.ToUpper(v)
				}
				if f.kind == contains {
					c.Op = "LIKE"
					v = "%" + v + "%"
				}
				c.Values = append(c.Values, v)
			}
		case timeMin, timeMax:
			t, err := oozietime.ParseDateTime(value)
			if err != nil {
				return nil, fmt.Errorf("filter %s: %q is not a date (yyyy-MM-ddTHH:mmZ): %v", name, value, err)
			}
			c.Op, c.Values = ">=", []any{state.FormatTime(t)}
			if f.kind == timeMax {
				c.Op = "<="
			}
		case numMin, numMax:
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("filter %s: %q is not a number of milliseconds", name, value)
			}
			c.Op, c.Values = ">=", []any{n}
			if f.kind == numMax {
				c.Op = "<="
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func knownFilters() []string {
	var names []string
	for n := range filterNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
