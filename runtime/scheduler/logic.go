package scheduler

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// inputState is the outcome of one input check of an action.
type inputState struct {
	met     bool
	missing string              // first missing done-flag, or unresolved latest/future text
	nodes   map[string][]string // satisfied input-logic nodes → their URIs
}

// evalInputs checks act's inputs. Without input logic every done-flag must
// exist (in order, stopping at the first missing one) and, in the second
// phase, every latest/future must have resolved; with it, Oozie's
// input-logic evaluation decides. plan is the action as materialized (it
// tells which data-ins had latest/future instances).
func (s *Scheduler) evalInputs(l *inputlogic.Logic, a state.Action, plan, act schedule.Action, now time.Time, phaseTwo bool) (inputState, error) {
	if l == nil {
		if phaseTwo {
			missing := unresolved(act)
			return inputState{met: missing == "", missing: missing}, nil
		}
		missing, err := s.firstMissing(act)
		return inputState{met: missing == "" && err == nil, missing: missing}, err
	}
	res, err := inputlogic.Evaluate(l, schedule.LogicInputs(plan, act), inputlogic.Env{
		Exists: s.Storage.Exists, Nominal: a.Nominal, Created: a.Created, Now: now, PhaseTwo: phaseTwo,
	})
	in := inputState{met: err == nil && res.Satisfied(), missing: res.FirstMissing, nodes: res.Nodes}
	if !in.met && in.missing == "" {
		in.missing = unresolved(act)
	}
	return in, err
}

// validateLogic compiles c's input logic and checks it against the first
// action, as Oozie's dry run does (E1028 with the position of the problem).
func validateLogic(c *ir.Coordinator) error {
	l, diags := inputlogic.Compile(c)
	if diags.HasErrors() {
		return diags.Errs()[0]
	}
	if l == nil {
		return nil
	}
	first, ok := schedule.Nominals(c).Next()
	if !ok {
		return nil
	}
	act, diags := schedule.ActionAt(c, first.Time, schedule.Options{})
	if diags.HasErrors() || act == nil {
		return fmt.Errorf("its first action cannot be materialized to check <input-logic>: %v", diags.Errs())
	}
	if diags := inputlogic.Validate(l, schedule.LogicInputs(*act, *act)); diags.HasErrors() {
		return diags.Errs()[0]
	}
	return nil
}
