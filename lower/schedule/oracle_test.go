package schedule

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/schemas"
)

// TestOracle is the differential test against the real thing: the JDK's
// GregorianCalendar, SimpleDateFormat and TimeZone and Quartz 2.3.2's
// CronExpression, called as Oozie calls them by testdata/oracle/Oracle.java.
// Randomized cases (biased toward DST transitions, month ends, leap days,
// the Julian calendar and odd zones) are computed by coordc's own packages
// and by the JVM, in one JVM run, and must agree.
//
// COORDC_ORACLE_SEED replays a run (the seed is printed), COORDC_ORACLE_CASES
// sets the number of cases (default 3000). Without java, javac or Quartz
// (/usr/share/java/quartz2.jar, Debian's libquartz2-java; COORDC_QUARTZ_JAR
// overrides) the test skips, or fails when COORDC_REQUIRE_ORACLE=1 or
// COORDC_REQUIRE_SHARED=1.
func TestOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("the oracle runs a JVM; not in -short mode")
	}
	classes := compileOracle(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("COORDC_ORACLE_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("COORDC_ORACLE_SEED=%q: %v", s, err)
		}
		seed = v
	}
	cases := 3000
	if s := os.Getenv("COORDC_ORACLE_CASES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("COORDC_ORACLE_CASES=%q is not a positive number", s)
		}
		cases = v
	}
	t.Logf("oracle seed %d (COORDC_ORACLE_SEED=%d replays), %d cases", seed, seed, cases)

	o := &oracle{t: t, classes: classes}
	head := o.ask([][]string{{"version"}, {"zoneids"}})
	javaVersion, javaIDs := head[0], strings.Fields(head[1])
	t.Logf("JDK %s; coordc tzdata %s", javaVersion, schemas.TZDataVersion())

	g := &caseGen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), t: t}
	g.zones, g.skipped, g.beforeHorizon, g.dstUntil = commonZones(t, o, javaIDs)
	if len(g.skipped) > 0 {
		t.Logf("skipped zones:\n  %s", strings.Join(g.skipped, "\n  "))
	}
	for _, z := range oddZones {
		if slices.Contains(g.zones, z) {
			g.odd = append(g.odd, z)
		}
	}

	var all []oracleCase
	for len(all) < cases {
		all = append(all, g.next())
	}
	questions := make([][]string, len(all))
	for i, c := range all {
		questions[i] = c.question
	}
	answers := o.ask(questions)
	kinds := map[string]int{}
	bad := 0
	for i, c := range all {
		kinds[c.question[0]]++
		got := c.coordc()
		if got != answers[i] {
			bad++
			if bad <= 40 {
				t.Errorf("%s: coordc %q, Java %q", strings.Join(c.question, " | "), got, answers[i])
			}
		}
	}
	var summary []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range kinds {
			if !yield(k) {
				return
			}
		}
	}) {
		summary = append(summary, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	t.Logf("%d cases (%s), %d differences", len(all), strings.Join(summary, ", "), bad)
}

// requireOracle reports whether a missing JDK or Quartz must fail the test.
func requireOracle() bool {
	return os.Getenv("COORDC_REQUIRE_ORACLE") == "1" || os.Getenv("COORDC_REQUIRE_SHARED") == "1"
}

func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) + " (apt-get install openjdk-17-jdk-headless libquartz2-java)"
	if requireOracle() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// compileOracle compiles testdata/oracle/Oracle.java and returns its class
// path.
func compileOracle(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"java", "javac"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, "%s is not installed", tool)
		}
	}
	jar := os.Getenv("COORDC_QUARTZ_JAR")
	if jar == "" {
		jar = "/usr/share/java/quartz2.jar"
	}
	if _, err := os.Stat(jar); err != nil {
		missing(t, "Quartz is not installed: %v", err)
	}
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "oracle", "Oracle.java")
	out, err := exec.Command("javac", "-nowarn", "-cp", jar, "-d", dir, src).CombinedOutput()
	if err != nil {
		t.Fatalf("javac %s: %v\n%s", src, err, out)
	}
	return dir + string(os.PathListSeparator) + jar
}

type oracle struct {
	t       *testing.T
	classes string
}

// ask runs the oracle once on every question and returns its answers.
func (o *oracle) ask(questions [][]string) []string {
	o.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "java", "-Xss8m", "-Duser.timezone=UTC", "-Duser.language=en", "-Duser.country=US",
		"-cp", o.classes, "Oracle")
	var in strings.Builder
	for _, q := range questions {
		in.WriteString(strings.Join(q, "\t") + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		o.t.Fatalf("java Oracle: %v\n%s", err, stderr.String())
	}
	var answers []string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		answers = append(answers, sc.Text())
	}
	if len(answers) != len(questions) {
		o.t.Fatalf("java Oracle answered %d of %d questions\n%s", len(answers), len(questions), stderr.String())
	}
	return answers
}

// transitions lists the instants (Unix seconds) where loc's offset changes
// between 1900 and 2037.
func transitions(loc *time.Location) []int64 {
	var out []int64
	cur := time.Unix(java1900Unix, 0)
	for {
		_, end := cur.In(loc).ZoneBounds()
		if end.IsZero() || !end.After(cur) || end.Year() >= 2038 {
			break
		}
		out = append(out, end.Unix())
		cur = end
	}
	return out
}

const java1900Unix = -2208988800

// commonZones returns the zone IDs both sides know with the same offsets at
// every transition of either side from 1900 to 2037, and the skipped ones.
func commonZones(t *testing.T, o *oracle, javaIDs []string) (zones, skipped []string, beforeHorizon map[string]bool, dstUntil map[string]time.Time) {
	beforeHorizon = map[string]bool{}
	ours := oozietime.ZoneIDs()
	var candidates []string
	for _, id := range javaIDs {
		if slices.Contains(ours, id) {
			candidates = append(candidates, id)
		} else {
			skipped = append(skipped, id+" (JDK only)")
		}
	}
	for _, id := range ours {
		if !slices.Contains(javaIDs, id) {
			skipped = append(skipped, id+" (coordc only)")
		}
	}
	type probe struct {
		id  string
		at  int64
		off int
	}
	var probes []probe
	var qs [][]string
	for _, id := range candidates {
		loc, _, err := oozietime.LoadZone(id)
		if err != nil {
			t.Fatalf("zone %s: %v", id, err)
		}
		samples := transitions(loc)
		for y := 1900; y < 2101; y++ {
			// The JDK's transitions: offsets on the 1st of each quarter.
			for m := time.January; m <= time.October; m += 3 {
				samples = append(samples, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Unix()+1)
			}
		}
		for _, tr := range samples {
			for _, at := range []int64{tr - 1, tr} {
				_, off := time.Unix(at, 0).In(loc).Zone()
				probes = append(probes, probe{id, at, off})
				qs = append(qs, []string{"offset", id, strconv.FormatInt(at*1000, 10)})
			}
		}
	}
	answers := o.ask(qs)
	first, last := map[string]int64{}, map[string]int64{}
	for i, p := range probes {
		if answers[i] != strconv.Itoa(p.off) {
			if _, ok := first[p.id]; !ok {
				first[p.id] = p.at
			}
			last[p.id] = p.at
		}
	}
	var history, future, rules []string
	for _, id := range candidates {
		switch at, ok := first[id]; {
		case !ok:
			zones = append(zones, id)
		case last[id] < time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Unix():
			history = append(history, id)
		case at >= javaHorizon.Unix():
			future = append(future, id)
			zones = append(zones, id)
			beforeHorizon[id] = true
		default:
			rules = append(rules, fmt.Sprintf("%s (from %s)", id, time.Unix(at, 0).UTC().Format("2006-01-02")))
		}
	}
	if len(history) > 0 {
		skipped = append(skipped, fmt.Sprintf("%d zones whose history before 1970 differs (the JDK compiles the tz database without its backzone file, coordc's archive keeps it): %s",
			len(history), strings.Join(history, " ")))
	}
	if len(future) > 0 {
		skipped = append(skipped, "from 2037 on (java.util.TimeZone extrapolates its raw offset and last rule; tested before 2037): "+strings.Join(future, " "))
	}
	if len(rules) > 0 {
		skipped = append(skipped, "rules differ between the versions: "+strings.Join(rules, " "))
	}
	dstUntil, dstNote := dstDifferences(t, o, zones)
	if dstNote != "" {
		skipped = append(skipped, dstNote)
	}
	return zones, skipped, beforeHorizon, dstUntil
}

// dstDifferences compares Calendar.get(DST_OFFSET) with DSTSavings at the
// start of every zone period from 1900 to 2037. The split of an offset into
// standard time and DST is not in the tz database's binary files, so coordc
// infers it from neighbouring periods; where a zone changed both at once in a
// way the inference misses (wartime Europe, the Soviet zones around 1990,
// La Paz 1932), the DST cases of that zone only use instants from a year
// after the end of the last such period. It returns that instant per zone
// and a note.
func dstDifferences(t *testing.T, o *oracle, zones []string) (map[string]time.Time, string) {
	type probe struct {
		id  string
		at  int64
		dst int
	}
	var probes []probe
	var qs [][]string
	for _, id := range zones {
		loc, _, err := oozietime.LoadZone(id)
		if err != nil {
			t.Fatalf("zone %s: %v", id, err)
		}
		for _, tr := range transitions(loc) {
			dst := int(oozietime.DSTSavings(time.Unix(tr, 0), loc) / time.Second)
			probes = append(probes, probe{id, tr, dst})
			qs = append(qs, []string{"dstOffset", id, strconv.FormatInt(tr*1000, 10)})
		}
	}
	answers := o.ask(qs)
	until := map[string]time.Time{}
	for i, p := range probes {
		if answers[i] == strconv.Itoa(p.dst) {
			continue
		}
		// The whole period differs, however long it lasts (Iqaluit's
		// wartime EWT ran from 1942 to 1945): exclude up to its end, the
		// zone's next transition, or for good when it is the last one.
		end := javaHorizon
		if i+1 < len(probes) && probes[i+1].id == p.id {
			end = time.Unix(probes[i+1].at, 0).UTC()
		}
		until[p.id] = end.AddDate(1, 0, 0)
	}
	if len(until) == 0 {
		return until, ""
	}
	var list []string
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range until {
			if !yield(id) {
				return
			}
		}
	}) {
		list = append(list, fmt.Sprintf("%s (until %d)", id, until[id].Year()))
	}
	return until, fmt.Sprintf("%d zones whose split of an old offset into standard time and DST coordc cannot infer (DST_OFFSET and cron DST correction tested after that): %s",
		len(list), strings.Join(list, " "))
}

// javaHorizon is where java.util.TimeZone stops following a zone's
// transitions and extrapolates: zones that differ only after it are tested
// with instants before it.
var javaHorizon = time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC)

// oddZones get extra weight: half-hour and 45-minute offsets, negative DST,
// double transitions, date-line jumps, local mean time into the 1970s, the
// deprecated SystemV IDs and three-letter aliases.
var oddZones = []string{
	"America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Dublin", "Europe/Amsterdam",
	"Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "Asia/Kolkata", "America/St_Johns",
	"Africa/Casablanca", "Africa/Monrovia", "America/Sao_Paulo", "America/Santiago", "Pacific/Apia",
	"Pacific/Kiritimati", "Antarctica/Troll", "Asia/Tehran", "America/Havana", "Asia/Gaza",
	"Europe/Moscow", "Australia/Adelaide", "Africa/Windhoek", "America/Caracas", "Asia/Pyongyang",
	"SystemV/EST5EDT", "SystemV/PST8PDT", "SystemV/AST4ADT", "SystemV/YST9YDT", "SystemV/HST10",
	"PST", "IST", "EST", "GMT", "UTC",
}

type oracleCase struct {
	question []string
	coordc   func() string
}

type caseGen struct {
	t       *testing.T
	rnd     *rand.Rand
	zones   []string
	odd     []string
	skipped []string
	trans   map[string][]int64
	// beforeHorizon are zones whose JDK offsets differ after javaHorizon:
	// their cases stay three years before it.
	beforeHorizon map[string]bool
	// dstUntil: DST cases of these zones use instants after the time.
	dstUntil map[string]time.Time
}

// dstZone picks a zone and an instant for a case that depends on the DST
// split (DST_OFFSET, cron DST correction), after dstUntil.
func (g *caseGen) dstZone() (string, *time.Location, time.Time) {
	for {
		id, loc := g.zone()
		until, ok := g.dstUntil[id]
		if ok && until.After(javaHorizon.AddDate(-4, 0, 0)) {
			continue
		}
		for range 50 {
			at := g.instant(id, loc, false)
			if at.Unix() >= java1900Unix && (!ok || at.After(until)) {
				return id, loc, at
			}
		}
	}
}

func (g *caseGen) zone() (string, *time.Location) {
	id := g.zones[g.rnd.IntN(len(g.zones))]
	if g.rnd.IntN(2) == 0 {
		id = g.odd[g.rnd.IntN(len(g.odd))]
	}
	loc, _, err := oozietime.LoadZone(id)
	if err != nil {
		g.t.Fatalf("zone %s: %v", id, err)
	}
	return id, loc
}

// instant returns a whole-minute instant, biased toward the zone's
// transitions, month ends and leap days; early reaches before 1900 (and,
// with julian, before 1583).
func (g *caseGen) instant(id string, loc *time.Location, julian bool) time.Time {
	for {
		at := g.anyInstant(id, loc, julian).Truncate(time.Minute)
		if !g.beforeHorizon[id] || at.Before(javaHorizon.AddDate(-3, 0, 0)) {
			return at
		}
	}
}

func (g *caseGen) anyInstant(id string, loc *time.Location, julian bool) time.Time {
	if g.trans == nil {
		g.trans = map[string][]int64{}
	}
	tr, ok := g.trans[id]
	if !ok {
		tr = transitions(loc)
		g.trans[id] = tr
	}
	r := g.rnd
	switch k := r.IntN(10); {
	case k < 4 && len(tr) > 0:
		at := tr[r.IntN(len(tr))] + int64(r.IntN(4*86400)-2*86400)
		return time.Unix(at-at%60, 0).UTC()
	case k < 6:
		// a month end or leap day on the local wall clock, at a random time
		y := 1901 + r.IntN(136)
		if r.IntN(4) == 0 {
			y = 2000 + 4*r.IntN(9)
		}
		m := time.Month(1 + r.IntN(12))
		d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() - r.IntN(3)
		return time.Date(y, m, d, r.IntN(24), r.IntN(60), 0, 0, loc).UTC()
	case k < 7 && julian:
		return time.Unix(-14000000000+r.Int64N(1900000000), 0).Truncate(time.Minute).UTC()
	case k < 8:
		return time.Unix(java1900Unix-r.Int64N(3000000000), 0).Truncate(time.Minute).UTC()
	}
	return time.Unix(java1900Unix+r.Int64N(4344000000), 0).Truncate(time.Minute).UTC()
}

func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func (g *caseGen) next() oracleCase {
	r := g.rnd
	switch k := r.IntN(100); {
	case k < 9:
		return g.offsetCase()
	case k < 12:
		return g.dstOffsetCase()
	case k < 30:
		return g.nominalsCase()
	case k < 36:
		return g.moveToEndCase()
	case k < 52:
		return g.instancesCase()
	case k < 60:
		return g.parseCase()
	case k < 68:
		return g.formatCase()
	case k < 78:
		return g.dateOffsetCase()
	case k < 82:
		return g.dateTzOffsetCase()
	case k < 84:
		return g.hoursInDayCase()
	case k < 86:
		return g.daysInMonthCase()
	case k < 93:
		return g.cronNominalsCase()
	}
	return g.cronCase()
}

// cronNominalsCase is a cron coordinator in a zone, mostly with fixed minute
// and hour so that fires are a day or more apart and Oozie's DST correction
// applies.
func (g *caseGen) cronNominalsCase() oracleCase {
	r := g.rnd
	var f [5]string
	for {
		for i := range f {
			f[i] = g.cronField(i)
		}
		if r.IntN(10) < 7 {
			f[0], f[1] = strconv.Itoa(r.IntN(60)), strconv.Itoa(r.IntN(24))
		}
		if f[2] == "?" && f[4] == "?" {
			continue
		}
		if _, err := cron.Parse(strings.Join(f[:], " ")); err == nil {
			break
		}
	}
	expr := strings.Join(f[:], " ")
	id, _, start := g.dstZone()
	for start.Year() < 1971 {
		id, _, start = g.dstZone()
	}
	end := start.Add(time.Duration(1+r.IntN(700)) * 24 * time.Hour)
	if g.beforeHorizon[id] && end.After(javaHorizon) {
		end = javaHorizon
	}
	const count = 12
	return oracleCase{[]string{"cronNominals", id, expr, ms(start), ms(end), strconv.Itoa(count)}, func() string {
		c := coordinator(g.t, oozietime.FormatDateTime(start), oozietime.FormatDateTime(end), id,
			ir.Frequency{Resolved: true, Unit: ir.UnitCron, Cron: expr, EndOf: ir.EndOfNone})
		it := Nominals(c)
		var out []string
		for nt, ok := it.Next(); ok && len(out) < count; nt, ok = it.Next() {
			out = append(out, ms(nt.Time))
		}
		if it.Stopped() != nil && len(out) < count {
			return "ERR loops"
		}
		if len(out) < count && bothDaysSpecific(f) && oozieDereferencesNull(expr, start, end, count) {
			return "ERR NullPointerException"
		}
		return strings.Join(out, " ")
	}}
}

// bothDaysSpecific reports whether neither day field is '*' or '?': Oozie
// then takes the earlier fire of two Quartz expressions.
func bothDaysSpecific(f [5]string) bool {
	return f[2] != "*" && f[4] != "*" && f[2] != "?" && f[4] != "?"
}

// oozieDereferencesNull reports whether one of the two readings of a cron
// with both day fields specific runs out of fires before the schedule ends:
// Oozie then fails with a NullPointerException, where coordc's Next reports
// no fire (documented in package cron).
func oozieDereferencesNull(expr string, start, end time.Time, count int) bool {
	e, err := cron.Parse(expr)
	if err != nil {
		return false
	}
	cursor := start.Add(-time.Minute)
	for k := 0; k < count; k++ {
		next, ok := e.Next(cursor)
		if !ok {
			return true
		}
		if !next.Before(end) {
			return false
		}
		cursor = next
	}
	return false
}

func (g *caseGen) offsetCase() oracleCase {
	id, loc := g.zone()
	at := g.instant(id, loc, true)
	return oracleCase{[]string{"offset", id, ms(at)}, func() string {
		_, off := at.In(loc).Zone()
		return strconv.Itoa(off)
	}}
}

func (g *caseGen) dstOffsetCase() oracleCase {
	id, loc, at := g.dstZone()
	return oracleCase{[]string{"dstOffset", id, ms(at)}, func() string {
		return strconv.Itoa(int(oozietime.DSTSavings(at, loc) / time.Second))
	}}
}

// units are the frequency units with their java.util.Calendar fields.
var units = []struct {
	unit  ir.TimeUnit
	field int
	max   int
}{{ir.UnitMinute, 12, 1500}, {ir.UnitHour, 10, 30}, {ir.UnitDay, 5, 10}, {ir.UnitWeek, 3, 3}, {ir.UnitMonth, 2, 14}, {ir.UnitYear, 1, 5}}

// endOfs are the end-of frequencies (coord:endOfDays/Weeks/Months) with
// their unit and the name the oracle's moveToEnd takes.
var endOfs = []struct {
	endOf ir.EndOf
	unit  int // index in units
	name  string
}{{ir.EndOfDay, 2, "DAY"}, {ir.EndOfWeek, 3, "WEEK"}, {ir.EndOfMonth, 4, "MONTH"}}

func (g *caseGen) nominalsCase() oracleCase {
	id, loc := g.zone()
	u := units[g.rnd.IntN(len(units))]
	endOf, endName := ir.EndOfNone, "NONE"
	if g.rnd.IntN(4) == 0 {
		e := endOfs[g.rnd.IntN(len(endOfs))]
		u, endOf, endName = units[e.unit], e.endOf, e.name
	}
	n := 1 + g.rnd.IntN(u.max)
	if u.unit == ir.UnitMinute {
		n = 5 + g.rnd.IntN(u.max)
	}
	start := g.instant(id, loc, false)
	end := start.Add(time.Duration(1+g.rnd.IntN(3000)) * 24 * time.Hour)
	if g.beforeHorizon[id] && end.After(javaHorizon) {
		end = javaHorizon
	}
	const count = 12
	return oracleCase{[]string{"nominals", id, ms(start), ms(end), strconv.Itoa(u.field), strconv.Itoa(n), strconv.Itoa(count), endName}, func() string {
		c := coordinator(g.t, oozietime.FormatDateTime(start), oozietime.FormatDateTime(end), id,
			ir.Frequency{Resolved: true, N: n, Unit: u.unit, EndOf: endOf})
		it := Nominals(c)
		var out []string
		for nt, ok := it.Next(); ok && len(out) < count; nt, ok = it.Next() {
			out = append(out, ms(nt.Time))
		}
		if err := it.Err(); err != nil {
			return "ERR " + err.Error()
		}
		return strings.Join(out, " ")
	}}
}

func (g *caseGen) moveToEndCase() oracleCase {
	id, loc := g.zone()
	at := g.instant(id, loc, false)
	names := []string{"DAY", "WEEK", "MONTH"}
	flags := []oozietime.EndOf{oozietime.EndOfDay, oozietime.EndOfWeek, oozietime.EndOfMonth}
	i := g.rnd.IntN(3)
	return oracleCase{[]string{"moveToEnd", id, ms(at), names[i]}, func() string {
		return ms(oozietime.MoveToEnd(at, loc, flags[i]))
	}}
}

func (g *caseGen) instancesCase() oracleCase {
	id, loc := g.zone()
	r := g.rnd
	type dsUnit struct {
		name  string
		field int
		freqs []int
	}
	u := []dsUnit{{"MINUTE", 12, []int{5, 15, 30, 60, 120, 180, 360, 720, 1440}}, {"DAY", 5, []int{1, 1, 2, 3, 7}},
		{"MONTH", 2, []int{1, 1, 2, 3, 12}}}[r.IntN(3)]
	freq := u.freqs[r.IntN(len(u.freqs))]
	nominal := g.instant(id, loc, false)
	initial := nominal.Add(-time.Duration(r.IntN(400*24)) * time.Hour).Truncate(time.Minute)
	if r.IntN(2) == 0 {
		initial = g.instant(id, loc, false)
		if initial.After(nominal) {
			initial, nominal = nominal, initial
		}
	}
	from := -r.IntN(30)
	to := from + r.IntN(-from+3)
	return oracleCase{[]string{"instances", id, ms(initial), strconv.Itoa(u.field), strconv.Itoa(freq), ms(nominal),
		strconv.Itoa(from), strconv.Itoa(to)}, func() string {
		d := mkDataset(g.t, "ds", dsSpec{Frequency: float64(freq), TimeUnit: u.name, EndOfDuration: "NONE",
			InitialInstance: oozietime.FormatDateTime(initial), Timezone: id})
		in := rangeIn(g.t, "in", d, fmt.Sprintf("${coord:current(%d)}", from), fmt.Sprintf("${coord:current(%d)}", to))
		c := actionCoord(g.t, actionSpec{NominalTime: oozietime.FormatDateTime(nominal), Timezone: id}, in)
		act, diags := ActionAt(c, c.Start.Time, Options{})
		if diags.HasErrors() || act == nil {
			return "ERR " + diags.Error()
		}
		return strings.Join(act.Inputs[0].URIs, ",")
	}}
}

// datetime returns a datetime text: mostly valid, some with days that do
// not exist (February 29 of Julian and Gregorian years, the ten days of
// October 1582, day 31 of short months).
func (g *caseGen) datetime() string {
	r := g.rnd
	years := []int{1, 4, 100, 200, 1000, 1300, 1500, 1580, 1582, 1583, 1600, 1700, 1800, 1899, 1900, 1970, 2000, 2024, 2100}
	y := years[r.IntN(len(years))] + r.IntN(3) - 1
	if r.IntN(3) == 0 {
		y = 1 + r.IntN(2200)
	}
	if y < 1 {
		y = 1
	}
	m := 1 + r.IntN(12)
	d := 1 + r.IntN(31)
	switch r.IntN(4) {
	case 0:
		m, d = 2, 28+r.IntN(2)
	case 1:
		y, m, d = 1582, 10, 1+r.IntN(20)
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02dZ", y, m, d, r.IntN(24), r.IntN(60))
}

func (g *caseGen) parseCase() oracleCase {
	s := g.datetime()
	return oracleCase{[]string{"parse", s}, func() string {
		v, err := oozietime.ParseDateTime(s)
		if err != nil {
			return "ERR ParseException"
		}
		return ms(v)
	}}
}

// builtin calls one of compiler/el's built-in functions.
func builtin(name string, args ...el.Value) (string, error) {
	f, _ := el.Builtin(name)
	v, err := f(nil, args)
	if err != nil {
		return "", err
	}
	return el.ToString(v), nil
}

var patterns = []string{"yyyy-MM-dd HH:mm:ss", "EEE EEEE", "D w W F u", "G yyyy YYYY yy", "MMM MMMM d", "a h K k",
	"Z X XXX", "yyyyMMdd'T'HHmm", "dd/MM/yy", "E, d MMM yyyy", "w YYYY"}

func (g *caseGen) formatCase() oracleCase {
	s := g.validDatetime()
	p := patterns[g.rnd.IntN(len(patterns))]
	return oracleCase{[]string{"formatTime", s, p}, func() string {
		v, err := builtin("coord:formatTime", s, p)
		if err != nil {
			return "ERR " + err.Error()
		}
		return v
	}}
}

func (g *caseGen) validDatetime() string {
	for {
		s := g.datetime()
		if _, err := oozietime.ParseDateTime(s); err == nil {
			return s
		}
	}
}

var offsetUnits = []string{"MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "YEAR", "END_OF_DAY", "END_OF_WEEK", "END_OF_MONTH",
	"CRON", "NONE"}

func (g *caseGen) dateOffsetCase() oracleCase {
	s := g.validDatetime()
	unit := offsetUnits[g.rnd.IntN(len(offsetUnits))]
	n := g.rnd.IntN(2001) - 1000
	switch g.rnd.IntN(4) {
	case 0:
		n = 0
	case 1:
		n = g.rnd.IntN(7) - 3
	}
	return oracleCase{[]string{"dateOffset", s, strconv.Itoa(n), unit}, func() string {
		v, err := builtin("coord:dateOffset", s, int64(n), unit)
		if err != nil {
			return "ERR IllegalArgumentException"
		}
		return v
	}}
}

func (g *caseGen) dateTzOffsetCase() oracleCase {
	id, loc := g.zone()
	s := oozietime.FormatDateTime(g.instant(id, loc, false))
	return oracleCase{[]string{"dateTzOffset", s, id}, func() string {
		v, err := builtin("coord:dateTzOffset", s, id)
		if err != nil {
			return "ERR " + err.Error()
		}
		return v
	}}
}

func (g *caseGen) hoursInDayCase() oracleCase {
	id, loc := g.zone()
	at := g.instant(id, loc, false)
	return oracleCase{[]string{"hoursInDay", id, ms(at)}, func() string {
		return strconv.Itoa(hoursInDay(at, loc))
	}}
}

func (g *caseGen) daysInMonthCase() oracleCase {
	id, loc := g.zone()
	at := g.instant(id, loc, true)
	return oracleCase{[]string{"daysInMonth", id, ms(at)}, func() string {
		return strconv.Itoa(oozietime.DaysInMonth(at, loc))
	}}
}

// cronField returns one random field text for field i (minute, hour,
// day-of-month, month, day-of-week).
func (g *caseGen) cronField(i int) string {
	r := g.rnd
	lo, hi := [5]int{0, 0, 1, 1, 1}, [5]int{59, 23, 31, 12, 7}
	num := func() int { return lo[i] + r.IntN(hi[i]-lo[i]+1) }
	switch k := r.IntN(12); {
	case k < 3:
		return "*"
	case k < 5:
		return strconv.Itoa(num())
	case k < 6:
		a, b := num(), num()
		return fmt.Sprintf("%d-%d", a, b)
	case k < 7:
		return fmt.Sprintf("%d/%d", num(), 1+r.IntN(hi[i]))
	case k < 8:
		return fmt.Sprintf("%d,%d", num(), num())
	case k < 9:
		return fmt.Sprintf("*/%d", 1+r.IntN(hi[i]))
	}
	switch i {
	case 2:
		return []string{"L", "LW", fmt.Sprintf("%dW", 1+r.IntN(31)), fmt.Sprintf("L-%d", r.IntN(28)),
			fmt.Sprintf("L-%dW", r.IntN(28)), "?", "15W", "1W", "31W"}[r.IntN(9)]
	case 3:
		return []string{"JAN", "FEB", "NOV-FEB", "JAN-MAR", "FEB,MAR", "2"}[r.IntN(6)]
	case 4:
		return []string{"MON-FRI", "SUN", fmt.Sprintf("%dL", 1+r.IntN(7)), fmt.Sprintf("%d#%d", 1+r.IntN(7), 1+r.IntN(5)),
			"?", "SAT,SUN", "L", "FRI#5"}[r.IntN(8)]
	}
	return strconv.Itoa(num())
}

func (g *caseGen) cronCase() oracleCase {
	var f [5]string
	for {
		for i := range f {
			f[i] = g.cronField(i)
		}
		if f[2] == "?" && f[4] == "?" {
			continue
		}
		if _, err := cron.Parse(strings.Join(f[:], " ")); err == nil {
			break
		}
	}
	expr := strings.Join(f[:], " ")
	after := time.Unix(r64(g.rnd, 0, 2145916800), 0).Truncate(time.Minute).UTC()
	return oracleCase{[]string{"cron", expr, ms(after)}, func() string {
		e, err := cron.Parse(expr)
		if err != nil {
			return "ERR " + err.Error()
		}
		next, ok := e.Next(after)
		if !ok && bothDaysSpecific(f) {
			// Both day fields specific and one reading never fires: Oozie
			// dereferences Quartz's null (documented in package cron).
			return "ERR NullPointerException"
		}
		if !ok {
			return "none"
		}
		return ms(next)
	}}
}

func r64(r *rand.Rand, lo, hi int64) int64 { return lo + r.Int64N(hi-lo) }
