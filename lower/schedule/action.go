package schedule

import "time"

// Action is one materialized coordinator action, as the planner shows it and
// the runtime runs it.
type Action struct {
	// Number is Oozie's action number: 1 for the first nominal time.
	Number int
	// Nominal is the nominal time, in UTC.
	Nominal time.Time
	// Local is the nominal time in the coordinator's timezone.
	Local time.Time
	// Flags mark what a reviewer should notice, sorted (see the Flag constants).
	Flags []string
	// Inputs are the data-in events in definition order.
	Inputs []Event
	// Outputs are the data-out events in definition order.
	Outputs []Event
	// Configuration is the resolved action configuration in definition order.
	Configuration []Property
}

// Event is a resolved data-in or data-out of one action.
type Event struct {
	Name string
	// URIs are the resolved instance URIs in Oozie's order (ranges newest
	// first for current/offset, as Oozie lists them), without done-flags.
	URIs []string
	// DoneFlags are the paths whose existence satisfies each URI, parallel to
	// URIs: uri + "/" + flag, or the URI itself for an empty done-flag.
	DoneFlags []string
	// Times are the instance times of URIs, parallel to URIs, in UTC. They
	// are for display (plan pictures) and not part of the action's JSON
	// that the runtime stores.
	Times []time.Time `json:"-"`
	// Until is the end of the period of the latest instance (its time plus
	// one dataset frequency): with the earliest of Times it bounds the
	// event's window. Zero when there are no instances. Not stored either.
	Until time.Time `json:"-"`
	// Unresolved is the text still to be resolved against storage at run time
	// (latest/future), "" when everything is resolved.
	Unresolved string
}

// Property is one resolved configuration property.
type Property struct {
	Name  string
	Value string
}

// Flags an action can carry.
const (
	// FlagDSTDay: the local calendar day of the nominal time has a DST
	// transition in the coordinator's zone.
	FlagDSTDay = "dst-transition-day"
	// FlagDSTGap: the wall time the schedule asks for does not exist that day
	// (spring forward) and Java's calendar moved it.
	FlagDSTGap = "dst-gap-shifted"
	// FlagDSTOverlap: the wall time occurs twice that day (fall back).
	FlagDSTOverlap = "dst-overlap"
	// FlagMonthEndClamped: a monthly step pinned the day to a shorter month's end.
	FlagMonthEndClamped = "month-end-clamped"
	// FlagCronDSTCorrected: Oozie's cron DST correction shifted this action by
	// the DST offset relative to the job start.
	FlagCronDSTCorrected = "cron-dst-corrected"
)
