package plan

import (
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lower/schedule"
)

// Pin is a finding (of `coordc lint`, run by the caller) to show on the
// HTML and SVG timelines, pinned to the actions it affects. This package
// does not run lint: it only draws what it is given.
type Pin struct {
	// Coordinator is the Job.Name of the lane the finding belongs to.
	Coordinator string
	// Rule is the rule ID, e.g. "DST003".
	Rule string
	// Severity is "error", "warning" or "info".
	Severity string
	// Message is the finding's one-line summary.
	Message string
	// Where is the finding's position, "file:line".
	Where string
	// Flags select the affected actions: those carrying any of these
	// schedule flags. Without flags the finding concerns the whole
	// coordinator and is pinned to its first action.
	Flags []string
}

// Link says that one coordinator writes a dataset another reads: the
// timelines draw an arrow from the producer's lane to the consumer's.
type Link struct {
	// Producer and Consumer are Job names.
	Producer, Consumer string
	// Dataset names the dataset (the consumer's name for it).
	Dataset string
}

// jobZone is the job's zone from coordc's embedded tz database (never the
// host's, so pictures are the same on every machine); UTC when unknown.
func jobZone(p *prepared) *time.Location {
	loc, _, err := oozietime.LoadZone(p.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// pinLimit caps the actions a single pin is drawn on, per lane.
const pinLimit = 24

// actionWindow returns the span of a's input instances: from the earliest
// instance to the end of the latest instance's period, and the number of
// URIs. ok is false when a has no resolved input instance.
func actionWindow(a *schedule.Action) (from, until time.Time, uris int, ok bool) {
	for i := range a.Inputs {
		ev := &a.Inputs[i]
		for _, t := range ev.Times {
			if !ok || t.Before(from) {
				from = t
			}
			ok = true
		}
		if len(ev.Times) > 0 && ev.Until.After(until) {
			until = ev.Until
		}
		uris += len(ev.URIs)
	}
	return from, until, uris, ok
}

// flagBits packs the schedule flags the timelines colour by.
type flagBits uint8

const (
	bitDSTDay flagBits = 1 << iota
	bitGap
	bitOverlap
	bitClamped
	bitCron
)

var bitFlags = [...]struct {
	bit  flagBits
	flag string
}{
	{bitDSTDay, schedule.FlagDSTDay},
	{bitGap, schedule.FlagDSTGap},
	{bitOverlap, schedule.FlagDSTOverlap},
	{bitClamped, schedule.FlagMonthEndClamped},
	{bitCron, schedule.FlagCronDSTCorrected},
}

func bitsOf(flags []string) flagBits {
	var b flagBits
	for _, f := range flags {
		for _, bf := range bitFlags {
			if f == bf.flag {
				b |= bf.bit
			}
		}
	}
	return b
}

// dstBits are the bits of dstFlags.
const dstBits = bitDSTDay | bitGap | bitOverlap | bitCron

// transition is one UTC offset change of a zone.
type transition struct {
	At            time.Time // the instant of the change
	Day, NextDay  time.Time // local midnights around it (the shaded day)
	Name          string    // "PST → PDT"
	Note          string    // dayNote's sentence
	Before, After int       // offsets in seconds
}

// maxTransitionDays bounds the days transitions are searched over.
const maxTransitionDays = 200 * 366

// transitions lists the offset changes of loc between from and to, scanning
// local days and bisecting to the second. (A change of the zone's
// abbreviation alone is not a transition.)
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	f := from.In(loc)
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	for i := 0; !day.After(to) && i < maxTransitionDays; i++ {
		next := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
		n1, before := day.Zone()
		n2, after := next.Zone()
		if before != after {
			out = append(out, transition{At: firstChange(day, next).UTC(), Day: day, NextDay: next,
				Name: n1 + " → " + n2, Note: dayNote(day, next), Before: before, After: after})
		}
		day = next
	}
	return out
}

// span is the time range a lane covers: its actions, their input windows
// and the old times of shifted and removed actions.
type span struct {
	first, last time.Time
	seen        bool
}

// widen extends s to cover [from, until].
func (s *span) widen(from, until time.Time) {
	if !s.seen || from.Before(s.first) {
		s.first = from
	}
	if !s.seen || until.After(s.last) {
		s.last = until
	}
	s.seen = true
}

// changeIndex maps action IDs to the diff change that concerns them and
// keeps the removed actions and coordinator-level changes per slug.
type changeIndex struct {
	byID    map[string]*Change
	removed map[string][]*Change // by coordinator slug
	coord   map[string][]*Change // coordinator-level, by slug
	global  []*Change            // tzdata
}

func newChangeIndex(cs []Change) *changeIndex {
	x := &changeIndex{byID: map[string]*Change{}, removed: map[string][]*Change{}, coord: map[string][]*Change{}}
	for i := range cs {
		c := &cs[i]
		switch c.Kind {
		case ChangeAdded, ChangeShifted, ChangeChanged:
			x.byID[c.ID] = c
		case ChangeRemoved:
			slug, _, _ := strings.Cut(c.ID, "@")
			x.removed[slug] = append(x.removed[slug], c)
		case ChangeCoordinatorAdded, ChangeCoordinatorRemoved, ChangeCoordinatorChanged:
			s := Slug(c.Coordinator)
			x.coord[s] = append(x.coord[s], c)
		default:
			x.global = append(x.global, c)
		}
	}
	return x
}

// pinsFor returns the pins of the coordinator named name.
func pinsFor(pins []Pin, name string) []Pin {
	var out []Pin
	for _, p := range pins {
		if p.Coordinator == name {
			out = append(out, p)
		}
	}
	return out
}

// pinApplies reports whether p is drawn on an action with flags bits, the
// first action of its lane when first.
func pinApplies(p *Pin, flags []string, first bool) bool {
	if len(p.Flags) == 0 {
		return first
	}
	for _, want := range p.Flags {
		for _, f := range flags {
			if f == want {
				return true
			}
		}
	}
	return false
}
