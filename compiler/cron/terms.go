package cron

// The term readers below follow Quartz's storeExpressionVals and checkNext
// branch by branch; each records the text Quartz leaves unread.

// term reads one comma-separated term t found at offset off of the field.
func (p *fieldParser) term(t string, off int) *ParseError {
	c := t[0]
	switch {
	case c >= 'A' && c <= 'Z' && t != "L" && t != "LW" && !isLastDash(t):
		return p.names(t, off)
	case c == '?':
		return p.question(t, off)
	case c == '*' || c == '/':
		return p.star(t, off)
	case c == 'L':
		return p.last(t, off)
	case isDigit(c):
		return p.number(t, off)
	}
	return p.errAt(off, 1, "unexpected character %q in the %s field", t[:1], p.name())
}

// isLastDash reports whether t matches L-[0-9]*W? entirely.
func isLastDash(t string) bool {
	if len(t) < 2 || t[:2] != "L-" {
		return false
	}
	i := 2
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	return i == len(t) || (i == len(t)-1 && t[i] == 'W')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// names reads month and day names: only the first three letters count.
func (p *fieldParser) names(t string, off int) *ParseError {
	var table []string
	base := 1
	switch p.kind {
	case fMonth:
		table = monthNames
	case fDOW:
		table = dayNames
	default:
		return p.errAt(off, len(t), "%q is not allowed in the %s field", t, p.name())
	}
	lookup := func(at int) (int, *ParseError) {
		if at == len(t) {
			return 0, p.errAt(off, len(t), "range %q must end with a %s name", t, p.name())
		}
		if at+3 > len(t) {
			return 0, p.errAt(off+at, len(t)-at, "%q is not a %s name (%s-%s)", t[at:], p.name(), table[0], table[len(table)-1])
		}
		for i, n := range table {
			if n == t[at:at+3] {
				return i + base, nil
			}
		}
		return 0, p.errAt(off+at, 3, "%q is not a %s name (%s-%s)", t[at:at+3], p.name(), table[0], table[len(table)-1])
	}
	start, err := lookup(0)
	if err != nil {
		return err
	}
	end, i := -1, 3
	if len(t) > 3 {
		switch {
		case t[3] == '-':
			if end, err = lookup(4); err != nil {
				return err
			}
			i = 7
		case t[3] == '#' && p.kind == fDOW:
			k, ok := javaInt(t[4:])
			if !ok || k < 1 || k > 5 {
				return p.errAt(off+3, len(t)-3, "'#' must be followed by a number from 1 to 5")
			}
			p.f.nth, i = k, len(t)
		case t[3] == 'L' && p.kind == fDOW:
			p.f.lastDOW, i = true, 4
		}
	}
	p.ignored(t, off, i)
	incr := 0
	if end != -1 {
		incr = 1
	}
	p.add(start, end, incr, false)
	return nil
}

func (p *fieldParser) question(t string, off int) *ParseError {
	if len(t) > 2 {
		return p.errAt(off+1, len(t)-1, "unexpected %q after '?'", t[1:])
	}
	if p.kind != fDOM && p.kind != fDOW {
		return p.errAt(off, 1, "'?' is only allowed in the day-of-month and day-of-week fields")
	}
	p.ignored(t, off, 1)
	if !p.f.noSpec {
		p.f.noSpec, p.f.noSpecAt = true, p.base+off
	}
	return nil
}

func (p *fieldParser) star(t string, off int) *ParseError {
	if t == "*" {
		p.add(0, -1, 0, true)
		return nil
	}
	if t == "/" {
		return p.errAt(off, 1, "'/' must be followed by a number")
	}
	i := 0
	if t[0] == '*' {
		i = 1
	}
	if t[i] != '/' {
		p.ignored(t, off, i)
		p.add(0, -1, 1, true)
		return nil
	}
	i++
	if i >= len(t) {
		return p.errAt(off+i-1, 1, "'/' must be followed by a number")
	}
	incr, ok := javaInt(t[i:])
	if !ok {
		return p.errAt(off+i, len(t)-i, "increment %q is not a number", t[i:])
	}
	if err := p.checkIncrement(incr, off+i, len(t)-i); err != nil {
		return err
	}
	if incr <= 0 {
		p.warnAt(off+i, len(t)-i, "Quartz reads increment %d as 1: every %s", incr, p.name())
	}
	p.add(0, -1, incr, true)
	return nil
}

// checkIncrement applies Quartz's increment limits.
func (p *fieldParser) checkIncrement(incr, off, n int) *ParseError {
	limit := [5]int{59, 23, 31, 12, 7}[p.kind]
	if incr > limit {
		return p.errAt(off, n, "increment %d is too large for the %s field (at most %d)", incr, p.name(), limit)
	}
	return nil
}

func (p *fieldParser) last(t string, off int) *ParseError {
	switch p.kind {
	case fDOW:
		p.ignored(t, off, 1)
		p.add(7, -1, 0, false)
		return nil
	case fDOM:
	default:
		return p.errAt(off, 1, "'L' is only allowed in the day-of-month and day-of-week fields")
	}
	p.f.lastDOM = true
	i := 1
	if i < len(t) && t[i] == '-' {
		if len(t) == 2 {
			return p.errAt(off, 2, "'L-' must be followed by a number")
		}
		v, j, ok := readDigits(t, 2)
		if !ok {
			return p.errAt(off+2, j-2, "number %q is too large", t[2:j])
		}
		if v > 30 {
			return p.errAt(off+2, j-2, "offset %d from the last day of the month is more than 30", v)
		}
		p.f.lastOff, i = v, j
	}
	if i < len(t) && t[i] == 'W' {
		p.f.nearestW = true
	}
	return nil
}

// number reads a term that starts with a digit.
func (p *fieldParser) number(t string, off int) *ParseError {
	val, i, ok := readDigits(t, 0)
	if !ok {
		return p.errAt(off, i, "number %q is too large", t[:i])
	}
	valErr := func() *ParseError {
		if val < fieldLo[p.kind] || val > fieldHi[p.kind] {
			return p.rangeErr(off, i, val)
		}
		return nil
	}
	if i == len(t) {
		if err := valErr(); err != nil {
			return err
		}
		p.add(val, -1, -1, false)
		return nil
	}
	switch t[i] {
	case 'L':
		if p.kind != fDOW {
			return p.errAt(off+i, 1, "'L' after a number is only allowed in the day-of-week field")
		}
		if err := valErr(); err != nil {
			return err
		}
		p.f.lastDOW = true
		p.f.bits |= 1 << val
		p.ignored(t, off, i+1)
		return nil
	case 'W':
		if p.kind != fDOM {
			return p.errAt(off+i, 1, "'W' is only allowed in the day-of-month field")
		}
		if val == 0 {
			return p.errAt(off, i+1, "day-of-month 0W does not exist; Quartz accepts it but never finds a fire, so Oozie's submit would hang")
		}
		if err := valErr(); err != nil {
			return err
		}
		p.f.nearestW = true
		p.f.bits |= 1 << val
		p.ignored(t, off, i+1)
		return nil
	case '#':
		if p.kind != fDOW {
			return p.errAt(off+i, 1, "'#' is only allowed in the day-of-week field")
		}
		k, ok := javaInt(t[i+1:])
		if !ok || k < 1 || k > 5 {
			return p.errAt(off+i, len(t)-i, "'#' must be followed by a number from 1 to 5")
		}
		if err := valErr(); err != nil {
			return err
		}
		p.f.nth = k
		p.f.bits |= 1 << val
		return nil
	case '-':
		return p.rangeTerm(t, off, val, i)
	case '/':
		return p.stepTerm(t, off, val, i, valErr)
	}
	if err := valErr(); err != nil {
		return err
	}
	p.ignored(t, off, i)
	p.add(val, -1, 0, false)
	return nil
}

// rangeTerm reads a-b and a-b/s; t[i] is the '-'.
func (p *fieldParser) rangeTerm(t string, off, val, i int) *ParseError {
	i++
	if i >= len(t) || !isDigit(t[i]) {
		return p.errAt(off, len(t), "range %q must end with a number", t)
	}
	endAt := i
	end, j, ok := readDigits(t, i)
	if !ok {
		return p.errAt(off+endAt, j-endAt, "number %q is too large", t[endAt:j])
	}
	i = j
	incr := 1
	if i < len(t) && t[i] == '/' {
		i++
		if i >= len(t) || !isDigit(t[i]) {
			return p.errAt(off+i-1, 1, "'/' must be followed by a number")
		}
		at := i
		if incr, i, ok = readDigits(t, i); !ok {
			return p.errAt(off+at, i-at, "number %q is too large", t[at:i])
		}
	}
	lo, hi := fieldLo[p.kind], fieldHi[p.kind]
	if val < lo || val > hi {
		return p.rangeErr(off, len(t), val)
	}
	if end > hi {
		return p.rangeErr(off+endAt, len(t)-endAt, end)
	}
	p.ignored(t, off, i)
	p.add(val, end, incr, false)
	return nil
}

// stepTerm reads a/s; t[i] is the '/'.
func (p *fieldParser) stepTerm(t string, off, val, i int, valErr func() *ParseError) *ParseError {
	i++
	if i >= len(t) || !isDigit(t[i]) {
		return p.errAt(off+i-1, 1, "'/' must be followed by a number")
	}
	at := i
	incr, j, ok := readDigits(t, i)
	if !ok {
		return p.errAt(off+at, j-at, "number %q is too large", t[at:j])
	}
	if j == at+1 && j < len(t) {
		// Quartz rejects a character right after a one-digit increment but
		// ignores anything after a longer one.
		return p.errAt(off+j, 1, "unexpected %q after '/'", t[j:j+1])
	}
	if err := p.checkIncrement(incr, off+at, j-at); err != nil {
		return err
	}
	if err := valErr(); err != nil {
		return err
	}
	p.ignored(t, off, j)
	p.add(val, -1, incr, false)
	return nil
}
