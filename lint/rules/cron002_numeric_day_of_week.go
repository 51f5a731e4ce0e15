package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// CRON002 reports cron frequencies whose day-of-week field uses numbers.
// Oozie (Quartz) counts 1 = Sunday … 7 = Saturday, Unix cron 0 = Sunday,
// 1 = Monday … 7 = Sunday, so "2-6" is Monday–Friday in Oozie but
// Tuesday–Saturday to anyone reading it as Unix cron. The fix writes day
// names, which both read the same way.
var CRON002 = &lint.Analyzer{
	ID:       "CRON002",
	Name:     "numeric-day-of-week",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Cron day-of-week is written as numbers",
		Rationale: "Oozie hands cron fields to Quartz, which numbers the days of the week 1 = Sunday to 7 = Saturday. " +
			"Unix cron, and most people reading the expression, count 0 = Sunday, 1 = Monday. The same text means different " +
			"days: `0 9 * * 2-6` runs Monday to Friday in Oozie, but reads as Tuesday to Saturday. Copying an expression " +
			"from a crontab shifts it by one day without any error.\n\n" +
			"Day names (`MON-FRI`) mean the same everywhere. The fix rewrites the numbers as the names Oozie reads; check " +
			"that those are the days you meant.",
		Bad:     exampleCoordStart + `frequency="0 9 * * 2-6" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good:    exampleCoordStart + `frequency="0 9 * * MON-FRI" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runCRON002,
}

// quartzDays and unixDays name day numbers as Quartz and Unix cron read them.
var (
	quartzDays = [8]string{1: "SUN", 2: "MON", 3: "TUE", 4: "WED", 5: "THU", 6: "FRI", 7: "SAT"}
	unixDays   = [8]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}
)

func runCRON002(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitCron {
			continue
		}
		e, err := cron.Parse(f.Cron)
		if err != nil {
			continue
		}
		fields := e.Fields()
		dow := fields[4]
		if !hasDayNumber(dow) {
			continue
		}
		named, okNamed := renameDays(dow, quartzDays[:])
		unix, okUnix := renameDays(dow, unixDays[:])
		summary := fmt.Sprintf("Day-of-week %q uses Quartz numbers (1 = Sunday)", dow)
		detail := "Oozie reads day-of-week numbers as Quartz does, 1 = Sunday to 7 = Saturday, while Unix cron counts 0 = Sunday, 1 = Monday, so the same numbers name other days. "
		if okNamed && okUnix && !strings.ContainsAny(dow, "#L/") {
			summary = fmt.Sprintf("Day-of-week %q means %s in Oozie but %s in Unix cron", dow, named, unix)
		}
		rng, exact := dowRange(p.Sources, f.Text, f.Cron)
		if okNamed && exact && sameSchedule(e, withField(fields, 4, named)) {
			reportFix(p, rng, []diag.Edit{{Range: rng, Text: named}},
				detail+fmt.Sprintf("Here Oozie runs on %s. Write the day names, %q, so that every reader sees the same days.", named, named), "%s", summary)
			continue
		}
		p.Reportf(rng, detail+"Write the days as names (SUN, MON, … SAT) so that every reader sees the same days.", "%s", summary)
	}
}

// countNumber matches the numbers of a day-of-week field that count
// rather than name a day: a step (after '/') or an occurrence (after '#').
var countNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[/#][0-9]+`) })

// hasDayNumber reports whether a day-of-week field names a day by number
// ("TUE#2" and "MON/2" do not).
func hasDayNumber(field string) bool {
	return strings.ContainsAny(countNumber().ReplaceAllString(field, ""), "0123456789")
}

// renameDays rewrites the day numbers of a day-of-week field with names,
// leaving step counts (after '/') and occurrence numbers (after '#') alone.
func renameDays(field string, names []string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(field); {
		ch := field[i]
		if ch < '0' || ch > '9' {
			b.WriteByte(ch)
			i++
			if ch == '/' || ch == '#' {
				for i < len(field) && field[i] >= '0' && field[i] <= '9' {
					b.WriteByte(field[i])
					i++
				}
			}
			continue
		}
		j := i
		for j < len(field) && field[j] >= '0' && field[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(field[i:j])
		if err != nil || n < 0 || n >= len(names) || names[n] == "" {
			return "", false
		}
		b.WriteString(names[n])
		i = j
	}
	return b.String(), true
}

func withField(fields [5]string, i int, s string) string {
	fields[i] = s
	return strings.Join(fields[:], " ")
}

// sameSchedule reports whether expr parses without warnings and fires
// exactly when e does, checked on a sample of instants spread over more
// than three years (every weekday, day of month and month is visited).
func sameSchedule(e *cron.Expr, expr string) bool {
	e2, err := cron.Parse(expr)
	if err != nil || len(e2.Warnings()) > len(e.Warnings()) {
		return false
	}
	t := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 200; i++ {
		n1, ok1 := e.Next(t)
		n2, ok2 := e2.Next(t)
		if ok1 != ok2 || !n1.Equal(n2) {
			return false
		}
		t = t.Add(149*time.Hour + 7*time.Minute)
	}
	return true
}

// dowRange locates the day-of-week field of a cron frequency in the file
// when the frequency is written as plain text; otherwise it returns the
// whole text's range and false.
func dowRange(src diag.Sources, t *ir.Text, expr string) (hcl.Range, bool) {
	if t.Template == nil || !t.Template.IsLiteral() {
		return t.Range, false
	}
	lead := leadingSpace(t.Raw)
	if !strings.HasPrefix(t.Raw[lead:], expr) {
		return t.Range, false
	}
	i := strings.LastIndexByte(expr, ' ')
	return subRange(src, t, lead+i+1, len(expr)-i-1)
}
