package rules

import "github.com/coordc/coordc/lint"

// structureRules are the rules about EL, datasets and events, controls,
// cron frequencies and pipelines (the time and zone rules are timeRules).
var structureRules = []*lint.Analyzer{
	EL001, EL002, EL003, EL004, EL005, EL006, EL007,
	DS001, DS002, DS003, DS004,
	CTL001, CTL002,
	CRON001, CRON002, CRON003,
	PIPE001, PIPE002,
}
