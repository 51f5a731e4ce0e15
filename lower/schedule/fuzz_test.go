package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

var fuzzZones = []string{"UTC", "America/Los_Angeles", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia"}

var fuzzUnits = []ir.TimeUnit{ir.UnitMinute, ir.UnitHour, ir.UnitDay, ir.UnitWeek, ir.UnitMonth, ir.UnitYear}

var fuzzEnds = []ir.EndOf{ir.EndOfNone, ir.EndOfDay, ir.EndOfWeek, ir.EndOfMonth}

// FuzzWalk materializes a few actions of arbitrary schedules and instance
// expressions: no panic, no hang, and nominal times strictly increasing,
// numbered consecutively, before the end.
func FuzzWalk(f *testing.F) {
	f.Add(uint8(2), uint8(1), uint8(0), 1, int64(0), uint8(1), uint8(2), 1, int64(-400), "${coord:current(0)}", "")
	f.Add(uint8(4), uint8(0), uint8(3), 1, int64(17), uint8(3), uint8(4), 1, int64(-1000), "${coord:current(-1)}", "${coord:current(0)}")
	f.Add(uint8(0), uint8(2), uint8(0), 5, int64(3), uint8(6), uint8(0), 30, int64(-77), "${coord:offset(-2, 'HOUR')}", "${coord:offset(0, 'HOUR')}")
	f.Add(uint8(2), uint8(5), uint8(1), 2, int64(40), uint8(5), uint8(2), 1, int64(-90), "${coord:endOfDays(-1)}", "${coord:current(0)}")
	f.Add(uint8(4), uint8(1), uint8(2), 1, int64(9), uint8(1), uint8(4), 1, int64(-31), "${coord:latest(-1)}#${coord:future(0, 3)}", "")
	f.Add(uint8(1), uint8(3), uint8(0), 3, int64(5), uint8(2), uint8(1), 7, int64(-5000), "${coord:current(-coord:hoursInDay(-1))}", "")
	f.Fuzz(func(t *testing.T, unit, zoneIdx, eod uint8, n int, startH int64, dsZone, dsUnit uint8, dsN int, initH int64, inst, end string) {
		if n <= 0 || n > 1000 || dsN <= 0 || dsN > 1000 || startH < -1e5 || startH > 1e5 || initH < -1e6 || initH > 1e6 {
			return
		}
		base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(startH) * time.Hour)
		c := &ir.Coordinator{
			Name:      &ir.Text{Raw: "fuzz", Value: "fuzz", Known: true},
			Frequency: ir.Frequency{Resolved: true, N: n, Unit: fuzzUnits[int(unit)%len(fuzzUnits)], EndOf: fuzzEnds[int(eod)%len(fuzzEnds)]},
			Start:     ir.Instant{Resolved: true, Time: start},
			End:       ir.Instant{Resolved: true, Time: start.AddDate(3, 0, 0)},
			Params:    map[string]string{},
		}
		c.Timezone = ir.Zone{Resolved: true, Location: zone(t, fuzzZones[int(zoneIdx)%len(fuzzZones)])}
		d := &ir.Dataset{Name: "d",
			Frequency:       ir.Frequency{Resolved: true, N: dsN, Unit: fuzzUnits[int(dsUnit)%len(fuzzUnits)], EndOf: fuzzEnds[int(dsUnit/8)%len(fuzzEnds)]},
			InitialInstance: ir.Instant{Resolved: true, Time: start.Add(time.Duration(initH) * time.Hour)},
			Timezone:        ir.Zone{Resolved: true, Location: zone(t, fuzzZones[int(dsZone)%len(fuzzZones)])},
			URITemplate:     &ir.Text{Raw: stamp, Value: stamp, Known: true},
		}
		in := &ir.DataIn{Name: "in", Dataset: d}
		parse := func(s string) *ir.Text {
			tmpl, _ := el.ParseTemplate(el.Plain("f.xml", s, hcl.InitialPos))
			return &ir.Text{Raw: s, Template: tmpl, Value: s, Known: true}
		}
		if end == "" {
			in.Instances = []*ir.Text{parse(inst)}
		} else {
			in.StartInstance, in.EndInstance = parse(inst), parse(end)
		}
		c.Inputs = []*ir.DataIn{in}
		c.Action = &ir.Action{Configuration: []*ir.Property{{Name: parse("p"), Value: parse(strings.ReplaceAll(inst, "current", "dataIn"))}}}
		var last *Action
		Walk(c, Options{Count: 20, Storage: memStorage{}}, func(a *Action) bool {
			if last != nil && (!a.Nominal.After(last.Nominal) || a.Number != last.Number+1) {
				t.Fatalf("action %d at %v after action %d at %v", a.Number, a.Nominal, last.Number, last.Nominal)
			}
			if !a.Nominal.Before(c.End.Time) && c.Frequency.Unit != ir.UnitCron {
				t.Fatalf("nominal %v not before end %v", a.Nominal, c.End.Time)
			}
			last = a
			return true
		})
	})
}
