package plan

// File is the JSON plan (schema plan.v1) as Go types, for programs that read
// plans with encoding/json. Write never builds these values: it streams the
// same bytes that json.MarshalIndent(file, "", "  ") plus a newline gives.
// Fields are declared in JSON key order.
type File struct {
	Coordinators  []FileCoordinator `json:"coordinators"`
	FormatVersion string            `json:"format_version"`
	Summary       Summary           `json:"summary"`
	TZDataVersion string            `json:"tzdata_version"`
}

// FileCoordinator is one coordinator of a JSON plan.
type FileCoordinator struct {
	Actions              []FileAction `json:"actions"`
	End                  string       `json:"end"`
	Frequency            string       `json:"frequency"`
	FrequencyDescription string       `json:"frequency_description"`
	Name                 string       `json:"name"`
	Start                string       `json:"start"`
	Timezone             string       `json:"timezone"`
}

// FileAction is one action of a JSON plan. Maps and arrays are always
// present, empty as {} and [].
type FileAction struct {
	Configuration map[string]string   `json:"configuration"`
	Flags         []string            `json:"flags"`
	ID            string              `json:"id"`
	Inputs        map[string][]string `json:"inputs"`
	NominalLocal  string              `json:"nominal_local"`
	NominalTime   string              `json:"nominal_time"`
	Number        int                 `json:"number"`
	Outputs       map[string][]string `json:"outputs"`
	Unresolved    map[string]string   `json:"unresolved"`
}

// DiffFile is the JSON diff (schema plan-diff.v1) as Go types. Fields are
// declared in JSON key order.
type DiffFile struct {
	Changes       []Change    `json:"changes"`
	FormatVersion string      `json:"format_version"`
	Summary       DiffSummary `json:"summary"`
}

// Change is one entry of a JSON diff. Kind is one of the Change* constants;
// the other fields are present only when they apply to that kind.
type Change struct {
	// Coordinator is the coordinator name, for coordinator-level kinds.
	Coordinator string `json:"coordinator,omitempty"`
	// Fields are the changed values of a "changed" action or coordinator.
	Fields []FieldChange `json:"fields,omitempty"`
	// ID is the action ID (the new one, or the old one for "removed").
	ID   string `json:"id,omitempty"`
	Kind string `json:"kind"`
	// NominalTime is the new nominal time (added, shifted, changed).
	NominalTime string `json:"nominal_time,omitempty"`
	// Number is the action number.
	Number int `json:"number,omitempty"`
	// OldNominalTime is the snapshot's nominal time (removed, shifted).
	OldNominalTime string `json:"old_nominal_time,omitempty"`
}

// FieldChange is one changed value. Path is "flags", "configuration.<name>",
// "inputs.<name>", "outputs.<name>", "unresolved.<name>" for actions, or a
// coordinator key ("timezone", "frequency", …), or "tzdata_version". Old and
// New are a string or a list of strings; a side where the value is absent
// is omitted.
type FieldChange struct {
	New  any    `json:"new,omitempty"`
	Old  any    `json:"old,omitempty"`
	Path string `json:"path"`
}

// The kinds of Change.
const (
	ChangeAdded              = "added"
	ChangeRemoved            = "removed"
	ChangeShifted            = "shifted"
	ChangeChanged            = "changed"
	ChangeCoordinatorAdded   = "coordinator-added"
	ChangeCoordinatorRemoved = "coordinator-removed"
	ChangeCoordinatorChanged = "coordinator-changed"
	ChangeTZData             = "tzdata"
)
