package xmlfront

import (
	"fmt"
	"sort"
)

// misfit is the matching state when a child did not fit.
type misfit struct {
	ps      []particle // the sequence being matched
	firstAt []*element // the first child each particle took
	pi      int        // the current particle
	alt     int        // the chosen alternative
	first   *element   // the child that chose it
}

// misplaced explains why the content model did not accept child k of e:
// too many, wrong order, a different choice, a different namespace, a later
// schema version, or an unknown element.
func (v *validator) misplaced(e *element, d *elemDecl, sc *schema, m misfit, k *element) {
	ps, pi := m.ps, m.pi
	rng := v.startTag(k)
	if pi < len(ps) && ps[pi].accepts(sc.ns, k) {
		p := ps[pi]
		if p.min == 1 && p.max == 1 {
			v.errorf(rng, fmt.Sprintf("Remove the extra <%s>.", k.qname), "<%s> allows exactly one <%s>", e.qname, k.qname)
		} else {
			v.errorf(rng, fmt.Sprintf("Remove the extra <%s>.", k.qname), "<%s> allows at most one <%s>", e.qname, k.qname)
		}
		return
	}
	for x := 0; x < pi && x < len(ps); x++ {
		if !ps[x].accepts(sc.ns, k) {
			continue
		}
		if prev := earliest(m.firstAt[x+1:]); prev != nil {
			v.errorf(rng, fmt.Sprintf("The schema fixes the order of the children of <%s>. Move <%s> before <%s>.", e.qname, k.qname, prev.qname),
				"Element <%s> must come before <%s>", k.qname, prev.qname)
			return
		}
	}
	for ai, other := range d.alts {
		if ai != m.alt && particleOf(other, sc.ns, k) >= 0 && m.first != nil {
			v.errorf(rng, fmt.Sprintf("<%s> takes one of these forms, not a mix. Remove <%s> or <%s>.", e.qname, k.qname, m.first.qname),
				"Element <%s> cannot be combined with <%s> in <%s>", k.qname, m.first.qname, e.qname)
			return
		}
	}
	if k.space != sc.ns {
		v.foreign(e, d, sc, k)
		return
	}
	if added, ok := sc.addedIn[e.local+"/"+k.local]; ok && added.Compare(sc.version) > 0 {
		v.errorf(rng, fmt.Sprintf("Change the namespace to %s%s or later, or remove <%s>.", nsPrefix(sc), added, k.qname),
			"Element %q is not allowed in %s schema %s (added in %s)", k.local, sc.family, sc.version, added)
		return
	}
	v.errorf(rng, fmt.Sprintf("<%s> may contain %s.%s", e.qname, nameList(d), didYouMean(k.local, allNames(d))),
		"Unknown element <%s> in <%s>", k.qname, e.qname)
}

// foreign explains a child in another namespace than its parent.
func (v *validator) foreign(e *element, d *elemDecl, sc *schema, k *element) {
	rng := v.startTag(k)
	if slaSc, ok := slaSchemas()[k.space]; ok && hasAny(d) && sc.family == "workflow" {
		v.errorf(rng, fmt.Sprintf("Workflow schema %s embeds SLA %s. Change the SLA namespace, or the workflow namespace to %s0.4.5 or later for SLA 0.2.", sc.version, slaList(d), workflowNSPrefix),
			"SLA schema %s is not allowed in workflow schema %s", slaSc.version, sc.version)
		return
	}
	if slaSc, ok := slaSchemas()[k.space]; ok && hasAny(d) {
		v.errorf(rng, fmt.Sprintf("Coordinator schema %s embeds SLA %s. Change the SLA namespace, or the coordinator namespace to uri:oozie:coordinator:0.4 or later for SLA 0.2.", sc.version, slaList(d)),
			"SLA schema %s is not allowed in coordinator schema %s", slaSc.version, sc.version)
		return
	}
	if k.space == "" {
		v.errorf(rng, fmt.Sprintf("Every element of the definition must be in the namespace of the root. Remove the xmlns=\"\" that resets it, or add xmlns=%q.", sc.ns),
			"Element <%s> has no namespace; it must be in %q", k.qname, sc.ns)
		return
	}
	v.errorf(rng, "Every element of the definition must be in the namespace of the root. Fix the prefix or xmlns of this element.",
		"Element <%s> must be in namespace %q, not %q", k.qname, sc.ns, k.space)
}

// earliest returns the element that starts first, or nil.
func earliest(es []*element) *element {
	var out *element
	for _, e := range es {
		if e != nil && (out == nil || e.start < out.start) {
			out = e
		}
	}
	return out
}

// particleOf returns the index of the first particle accepting k, or -1.
func particleOf(ps []particle, ns string, k *element) int {
	for i, p := range ps {
		if p.accepts(ns, k) {
			return i
		}
	}
	return -1
}

func hasAny(d *elemDecl) bool {
	for _, ps := range d.alts {
		for _, p := range ps {
			if p.anyNS != nil {
				return true
			}
		}
	}
	return false
}

func slaList(d *elemDecl) string {
	for _, ps := range d.alts {
		for _, p := range ps {
			if p.anyNS != nil {
				s := ""
				for i, ns := range p.anyNS {
					if i > 0 {
						s += " or "
					}
					s += string(slaSchemas()[ns].version)
				}
				return s
			}
		}
	}
	return ""
}

// allNames lists the element names the model of d mentions, sorted.
func allNames(d *elemDecl) []string {
	out := modelNames(d)
	sort.Strings(out)
	return out
}

// modelNames lists the element names the model of d mentions, in schema
// order.
func modelNames(d *elemDecl) []string {
	seen := map[string]bool{}
	var out []string
	for _, ps := range d.alts {
		for _, p := range ps {
			for _, n := range p.names {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

func nameList(d *elemDecl) string {
	names := allNames(d)
	if len(names) == 0 {
		return "no elements"
	}
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += "<" + n + ">"
	}
	return s
}

func nsPrefix(sc *schema) string {
	switch sc.family {
	case "bundle":
		return bundleNSPrefix
	case "workflow":
		return workflowNSPrefix
	}
	return coordNSPrefix
}
