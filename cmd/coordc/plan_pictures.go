package main

import (
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/lower/schedule"
)

// isPicture reports whether the plan is drawn as a timeline (-o html|svg).
func isPicture(f plan.Format) bool { return f == plan.FormatHTML || f == plan.FormatSVG }

// addPictureData gives the timelines what package plan cannot compute
// itself: the findings of coordc lint (with the .coordc.hcl found from the
// planned file's directory) pinned to the actions they affect, and the
// producer→consumer links between the planned coordinators.
func addPictureData(opts *plan.Options, file string, res *compiler.Result, jobs []plan.Job, diags hcl.Diagnostics) {
	coords := plannedCoordinators(res.Project, jobs)
	cfg := &lint.Config{}
	analyzers := rules.All()
	if path := lint.FindConfig(filepath.Dir(file)); path != "" {
		if c, cdiags := lint.LoadConfig(path, analyzers); !cdiags.HasErrors() {
			cfg = c
		}
	}
	for _, f := range lint.Run(res.Project, res.Sources, diags, analyzers, cfg) {
		if f.RuleID == "" || f.Suppressed || f.Diag == nil || f.Diag.Subject == nil {
			continue
		}
		where := fmt.Sprintf("%s:%d", f.Diag.Subject.Filename, f.Diag.Subject.Start.Line)
		for _, pc := range coords {
			if pc.coord.DeclRange.Filename != f.Diag.Subject.Filename {
				continue
			}
			opts.Pins = append(opts.Pins, plan.Pin{Coordinator: pc.name, Rule: f.RuleID, Severity: f.Severity.String(),
				Message: f.Diag.Summary, Where: where, Flags: pinFlags[f.RuleID]})
		}
	}
	for _, prod := range coords {
		for _, cons := range coords {
			if prod.name == cons.name {
				continue
			}
			if ds := sharedDataset(prod.coord, cons.coord); ds != "" {
				opts.Links = append(opts.Links, plan.Link{Producer: prod.name, Consumer: cons.name, Dataset: ds})
			}
		}
	}
}

// pinFlags are the actions a rule's finding is drawn on: those with these
// flags (rules not listed concern the whole coordinator).
var pinFlags = map[string][]string{
	"DST001": {schedule.FlagDSTDay},
	"DST002": {schedule.FlagDSTGap, schedule.FlagDSTOverlap},
	"DST003": {schedule.FlagDSTDay},
	"DST004": {schedule.FlagCronDSTCorrected, schedule.FlagDSTDay},
	"DST006": {schedule.FlagDSTDay},
	"DST007": {schedule.FlagMonthEndClamped},
}

type namedCoordinator struct {
	name  string
	coord *ir.Coordinator
}

// plannedCoordinators pairs each planned job with its coordinator: the
// project's coordinators and its bundles' loaded entries, by lane name
// (the entry's name in a bundle), kept when a job has that name.
func plannedCoordinators(p *ir.Project, jobs []plan.Job) []namedCoordinator {
	planned := map[string]bool{}
	for _, j := range jobs {
		planned[j.Name] = true
	}
	var out []namedCoordinator
	add := func(name string, c *ir.Coordinator) {
		if planned[name] {
			out = append(out, namedCoordinator{name, c})
		}
	}
	for _, c := range p.Coordinators {
		if c.Name != nil && c.Name.Known {
			add(c.Name.Value, c)
		}
	}
	for _, b := range p.Bundles {
		for _, bc := range b.Coordinators {
			switch {
			case bc.Coordinator == nil:
			case bc.Name != nil && bc.Name.Known && bc.Name.Value != "":
				add(bc.Name.Value, bc.Coordinator)
			case bc.Coordinator.Name != nil && bc.Coordinator.Name.Known:
				add(bc.Coordinator.Name.Value, bc.Coordinator)
			}
		}
	}
	return out
}

// sharedDataset returns the consumer's name of a dataset that producer
// writes and consumer reads (same uri-template), "" when there is none.
func sharedDataset(producer, consumer *ir.Coordinator) string {
	for _, out := range producer.Outputs {
		if out.Dataset == nil || out.Dataset.URITemplate == nil {
			continue
		}
		for _, in := range consumer.Inputs {
			if in.Dataset != nil && in.Dataset.URITemplate != nil && in.Dataset.URITemplate.Raw == out.Dataset.URITemplate.Raw {
				return in.Dataset.Name
			}
		}
	}
	return ""
}
