// Package compiler loads coordinator, bundle and dataset definitions into the
// IR and runs Oozie's submit phase over them: job properties and formal
// parameters are applied, frequencies, dates, zones and controls are
// evaluated, datasets (with includes) are linked to their events, and every
// EL expression is checked for the place it is written in.
//
// The result is an ir.Project whose values are known wherever they do not
// depend on an undefined parameter, plus positioned diagnostics. Nothing here
// computes a schedule: that is package lower/schedule.
package compiler
