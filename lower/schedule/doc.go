// Package schedule computes what Oozie materializes for a coordinator: the
// nominal times of its actions (every frequency kind, DST and Java calendar
// rules included), the dataset instances and URIs of every data-in and
// data-out, and each action's resolved configuration. It is a pure function
// of the definition; latest/future instances are left unresolved unless a
// Storage is given. Rendering lives in package plan; running in runtime.
//
// # Model
//
// Nominals streams nominal times in constant memory. For integer and EL
// frequencies nominal k is the (end-of adjusted) start plus k·frequency in
// one java.util.Calendar add in the job zone (SEMANTICS §5.2): MINUTE/HOUR
// steps are absolute, DAY/WEEK/MONTH/YEAR keep local wall time, MONTH pins
// and clamps the day without drifting. Start is inclusive, end exclusive.
//
// Cron frequencies fire on the UTC grid (§5.3). Oozie corrects a fire that
// is at least 24 h after the previous cursor by the DST difference between
// the job start and the fire, and that depends on how the runtime splits
// materialization into runs. coordc models ONE materialization pass from the
// job start, which is what Oozie's own tests assert: the cursor starts at
// start − 1 minute, so when the start is itself a fire time the first action
// is never corrected, and every later action is when its gap is ≥ 24 h (a
// first fire ≥ 24 h after a start that is not a fire time is corrected too).
// A live Oozie job whose start is in the future materializes each daily
// action in its own run and never corrects them; linters should flag non-UTC
// cron coordinators with day-long gaps. The end test uses the unshifted
// cursor.
//
// Walk materializes actions (phase 2 and the configuration of phase 3):
// <instance> texts are evaluated in group coord-action-create, start/end
// instances in coord-action-create-inst and then classified from their text
// exactly as Oozie's CoordCommandUtils does (including its quirks: the
// offset-range order check on Calendar constants, (int) Double.parseDouble of
// range bounds, ranges stepped by repeated addition), and the configuration
// in coord-action-start. Instances render through the uri-template with
// YEAR…MINUTE in UTC; done-flag paths follow §6.4. Without
// Options.ActualTime the actual time equals the nominal time: the plan of a
// job that materializes every action on time.
//
// # Decisions
//
//   - coord:latest/future with a Storage are resolved against it at once
//     (Oozie waits until the resolved dependencies exist) and their URIs are
//     appended after the other URIs of the event. coord:latest examines at
//     most 100,000 instances and coordc refuses ranges of more than 1,000,000
//     instances; Oozie has no limits.
//   - coord:hoursInDay, daysInMonth, tzOffset, latest and future in the
//     action configuration fail as in Oozie, which has no dataset there; the
//     property keeps its text and the problem is reported once.
//   - coord:absolute/endOf* start instances must be an exact instance (E1010
//     "not in phase"), checked on the instance I* + k·f, and an action whose
//     nominal time is before I* fails with E1010 as Oozie's absoluteRange
//     does.
//   - endOfWeeks uses Sunday as first day of the week (en_US, as Oozie's
//     tests assume); unsure spec examples follow the code (see the tests).
//   - Input logic (schema 0.5) does not change the data-ins: every data-in
//     is listed with all its URIs. coord:dataIn('<node name>') of a named
//     input-logic node is, in the runtime (Options.InputLogic), the URIs
//     that satisfied the node (package lower/inputlogic); the planner cannot
//     know what exists, so it shows every candidate URI of the node's
//     data-ins in tree order (echoing the call while one of them has
//     unresolved latest/future instances). LogicInputs feeds the evaluator.
//   - A nominal time keeps the seconds a local-mean-time offset gives it
//     (Africa/Monrovia until 1972) for the instance arithmetic, as Oozie's
//     Date does; renderers print it to the minute, as Oozie does.
//   - coord:offset with the units NONE (amount 0) and CRON (Calendar.ERA) is
//     computed as Oozie's Calendar.add does; hoursInDay sets local 00:30
//     as wall-clock fields, so a midnight gap moves it forward.
//   - A cron schedule on which Quartz would search forever for the next
//     fire ('L-nW', n ≥ 28) ends there; Walk reports why (CRON003), since
//     Oozie's materialization would spin.
//
// TestOracle compares nominal times, instances, hoursInDay, the built-in EL
// functions, zone offsets and cron fires with the JDK and Quartz (see the
// README's Semantics section).
//
// Materialization errors (E1010 range errors, E1004 evaluation errors) stop
// Walk, as they make Oozie fail the job; each diagnostic is positioned at the
// instance text. Nothing here depends on the host time zone.
package schedule
