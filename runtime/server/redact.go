package server

import (
	"context"
	"encoding/json"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/state"
)

// Every answer masks secrets as the CLI does by default (package
// compiler/redact): secret job properties (*password*, *token* …) show
// redact.Mask, and their values are masked inside messages and logs. The
// server never shows them (the CLI's --show-secrets works on the state
// database only).

// policy is the redaction policy knowing the secret values of the given
// jobs' properties.
func (s *Server) policy(ctx context.Context, jobs ...state.Job) *redact.Policy {
	pol := redact.New(nil, nil)
	for _, j := range jobs {
		pol.AddJSON(j.Conf)
	}
	return pol
}

// jobPolicy is policy for one job by ID (an unknown job adds nothing).
func (s *Server) jobPolicy(ctx context.Context, id string) *redact.Policy {
	j, err := s.cfg.Store.GetJob(ctx, id)
	if err != nil {
		return s.policy(ctx)
	}
	return s.policy(ctx, j)
}

// allJobsPolicy is policy for every job.
func (s *Server) allJobsPolicy(ctx context.Context) *redact.Policy {
	jobs, _ := s.cfg.Store.ListJobs(ctx)
	return s.policy(ctx, jobs...)
}

// maskConf rewrites a JSON object of properties with the secret values
// masked (anything else is returned as is).
func maskConf(conf string, pol *redact.Policy) string {
	var m map[string]string
	if json.Unmarshal([]byte(conf), &m) != nil {
		return conf
	}
	for k, v := range m {
		m[k] = pol.Value(k, v)
	}
	data, err := json.Marshal(m)
	if err != nil {
		return conf
	}
	return string(data)
}

// maskJob returns j with its configuration masked.
func maskJob(j state.Job, pol *redact.Policy) state.Job {
	j.Conf = maskConf(j.Conf, pol)
	return j
}

// maskAction returns a with its configuration and messages masked.
func maskAction(a state.Action, pol *redact.Policy) state.Action {
	if a.RunConf != "" {
		a.RunConf = maskConf(a.RunConf, pol)
	}
	a.ErrorMessage = pol.Text(a.ErrorMessage)
	a.MissingDependencies = pol.Text(a.MissingDependencies)
	return a
}
