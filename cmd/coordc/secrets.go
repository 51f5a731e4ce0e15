package main

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/submit"
)

// showSecretsFlag is --show-secrets: print secret property values as they
// are (package redact), for local debugging.
func showSecretsFlag() cli.Flag {
	return &cli.BoolFlag{Name: "show-secrets", Usage: "show the values of secret properties (*password*, *token* …) instead of " + redact.Mask + "; for local debugging"}
}

// secretPolicy is the redaction policy of a command: nil with
// --show-secrets, else the default policy knowing the secret values of the
// project's job properties.
func secretPolicy(c *cli.Context, p *ir.Project) *redact.Policy {
	if c.Bool("show-secrets") {
		return nil
	}
	return submit.SecretPolicy(p)
}

// redactJobs returns jobs whose actions show secret configuration values
// as redact.Mask (and other values with secrets masked inside).
func redactJobs(jobs []plan.Job, pol *redact.Policy) []plan.Job {
	if pol == nil {
		return jobs
	}
	out := make([]plan.Job, len(jobs))
	for i, j := range jobs {
		each := j.Each
		if each != nil {
			j.Each = func(yield func(*schedule.Action) bool) hcl.Diagnostics {
				var cp schedule.Action
				var conf []schedule.Property
				return each(func(a *schedule.Action) bool {
					cp, conf = *a, conf[:0]
					for _, p := range a.Configuration {
						p.Value = pol.Value(p.Name, p.Value)
						conf = append(conf, p)
					}
					cp.Configuration = conf
					return yield(&cp)
				})
			}
		}
		out[i] = j
	}
	return out
}
