package sla

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// DefaultAlertEvents is Oozie's oozie.sla.service.SLAService.alert.events.
const DefaultAlertEvents = "END_MISS"

// Event is an SLA event status.
type Event string

// SLA events.
const (
	StartMet     Event = "START_MET"
	StartMiss    Event = "START_MISS"
	DurationMet  Event = "DURATION_MET"
	DurationMiss Event = "DURATION_MISS"
	EndMet       Event = "END_MET"
	EndMiss      Event = "END_MISS"
)

// alertable are the events alert-events may name.
var alertable = map[string]bool{"START_MISS": true, "END_MISS": true, "DURATION_MISS": true,
	"START_MET": true, "END_MET": true, "DURATION_MET": true}

// Resolve turns the evaluated <sla:info> fields of one action into its
// registration (IDs, names and user are left to the caller). An invalid
// value is an error naming the field.
func Resolve(fields []schedule.SLAField) (state.SLA, error) {
	s := state.SLA{ExpectedDuration: -1, AlertEvents: DefaultAlertEvents, AppType: state.AppCoordAction}
	conf := map[string]string{}
	var start, end *int64
	for _, f := range fields {
		v := strings.TrimSpace(f.Value)
		conf[f.Name] = v
		switch f.Name {
		case "nominal-time":
			t, err := oozietime.ParseDateTime(v)
			if err != nil {
				return s, fmt.Errorf("<sla:nominal-time> %q: %w", v, err)
			}
			s.Nominal = t
		case "should-start", "should-end", "max-duration":
			if v == "" {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return s, fmt.Errorf("<sla:%s> %q is not a number of minutes", f.Name, v)
			}
			switch f.Name {
			case "should-start":
				start = &n
			case "should-end":
				end = &n
			default:
				s.ExpectedDuration = n * int64(time.Minute/time.Millisecond)
			}
		case "alert-events":
			var evs []string
			for _, e := range strings.Split(v, ",") {
				e = strings.ToUpper(strings.TrimSpace(e))
				if e == "" {
					continue
				}
				if !alertable[e] {
					return s, fmt.Errorf("<sla:alert-events> names %q; allowed are start_miss, end_miss, duration_miss (and the *_met events)", e)
				}
				evs = append(evs, e)
			}
			s.AlertEvents = strings.Join(evs, ",")
		case "alert-contact":
			s.AlertContact = v
		case "notification-msg":
			s.NotificationMsg = v
		case "upstream-apps":
			s.UpstreamApps = v
		case "app-name":
			s.AppName = v
		}
	}
	if s.Nominal.IsZero() {
		return s, fmt.Errorf("<sla:info> has no nominal-time")
	}
	if start != nil {
		s.ExpectedStart = s.Nominal.Add(time.Duration(*start) * time.Minute)
	}
	if end != nil {
		s.ExpectedEnd = s.Nominal.Add(time.Duration(*end) * time.Minute)
	}
	b, err := json.Marshal(conf)
	if err != nil {
		return s, err
	}
	s.Config = string(b)
	return s, nil
}
