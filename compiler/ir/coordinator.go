package ir

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Project is everything loaded together: all definitions given on the command
// line or found in a directory.
type Project struct {
	Coordinators []*Coordinator
	Bundles      []*Bundle
	// DatasetFiles are standalone <datasets> files (included by coordinators,
	// or given directly).
	DatasetFiles []*DatasetFile
	// Params are the job properties in effect (properties files, -D, and
	// formal parameter defaults are applied per definition).
	Params map[string]string
	// FileParams are the job properties of the definition files loaded with
	// their own properties files (compiler.Options.PropertiesFor), by file
	// name; the other files use Params.
	FileParams map[string]map[string]string
}

// Coordinator is one <coordinator-app>.
type Coordinator struct {
	File      string
	Namespace string  // as written, trimmed ("uri:oozie:coordinator:0.4")
	Version   Version // "0.1" … "0.5"

	Name       *Text
	Frequency  Frequency
	Start      Instant
	End        Instant
	Timezone   Zone
	Parameters []*Parameter
	Controls   Controls
	Includes   []*Text
	// Datasets are in effect for this coordinator, in definition order, with
	// included datasets first (Oozie's lookup order; later names replace
	// earlier ones as Oozie does).
	Datasets   []*Dataset
	Inputs     []*DataIn
	InputLogic *LogicNode // nil when there is no <input-logic>
	// InputEventsLogic is the single and/or that a 0.5 <input-events> may hold
	// instead of data-in elements; nil otherwise.
	InputEventsLogic *LogicNode
	Outputs          []*DataOut
	Action           *Action
	SLA              *SLA

	// Params are the job properties in effect for this coordinator after the
	// submit phase: properties files, -D values and formal parameter defaults
	// (coord:conf and ${name} read them).
	Params map[string]string
	// User is the job's user.name (coord:user), "" when not given.
	User string

	// Comments are the XML comments (or HCL comments) of the file, kept for
	// conversion; each with its range.
	Comments []Comment

	DeclRange hcl.Range // the <coordinator-app> start tag
	Range     hcl.Range // the whole element
}

// Comment is a source comment.
type Comment struct {
	Text  string
	Range hcl.Range
}

// Parameter is a formal parameter (<parameters><property>, schema 0.4+).
type Parameter struct {
	Name        string
	NameRange   hcl.Range
	Default     *Text // nil when no <value>: the parameter is required
	Description string
	Range       hcl.Range
}

// TimeUnit is the unit of a frequency, as Oozie stores it.
type TimeUnit string

// Time units. Oozie stores coord:hours(n) as n*60 MINUTE.
const (
	UnitMinute TimeUnit = "MINUTE"
	UnitHour   TimeUnit = "HOUR"
	UnitDay    TimeUnit = "DAY"
	UnitWeek   TimeUnit = "WEEK"
	UnitMonth  TimeUnit = "MONTH"
	UnitYear   TimeUnit = "YEAR"
	UnitCron   TimeUnit = "CRON"
)

// EndOf is Oozie's end_of_duration flag.
type EndOf string

// End-of flags.
const (
	EndOfNone  EndOf = "NONE"
	EndOfDay   EndOf = "END_OF_DAY"
	EndOfWeek  EndOf = "END_OF_WEEK"
	EndOfMonth EndOf = "END_OF_MONTH"
)

// Frequency is a typed frequency. Resolved is false when the text could not
// be evaluated (unknown parameter or error).
type Frequency struct {
	Text     *Text
	Resolved bool
	N        int      // the integer value (minutes for MINUTE)
	Unit     TimeUnit // UnitCron for cron expressions
	EndOf    EndOf
	Cron     string // the cron expression when Unit == UnitCron
}

// Instant is a datetime attribute (start, end, initial-instance, kick-off-time).
type Instant struct {
	Text     *Text
	Resolved bool
	Time     time.Time // UTC
}

// Zone is a timezone attribute.
type Zone struct {
	Text     *Text
	Resolved bool
	ID       string         // as Oozie normalizes it (GMT+0530 → GMT+05:30)
	Location *time.Location // from coordc's embedded tz database
}

// Execution is the execution-order control.
type Execution string

// Execution orders.
const (
	FIFO     Execution = "FIFO"
	LIFO     Execution = "LIFO"
	LastOnly Execution = "LAST_ONLY"
	None     Execution = "NONE"
)

// Controls are the coordinator controls: what was written and what Oozie
// uses (its defaults and clamping applied).
type Controls struct {
	Timeout     IntControl // minutes
	Concurrency IntControl
	Execution   ExecutionControl
	Throttle    IntControl
	Range       hcl.Range // the <controls> element; zero when absent
}

// IntControl is an integer control.
type IntControl struct {
	Text      *Text // nil when not written
	Resolved  bool  // Written is valid
	Written   int
	Effective int // Oozie's value: default when absent, clamped when out of range
}

// ExecutionControl is the execution control.
type ExecutionControl struct {
	Text      *Text
	Resolved  bool
	Effective Execution
}

// Dataset is a <dataset> (or an <async-dataset>, which Oozie does not run).
type Dataset struct {
	Name            string
	NameRange       hcl.Range
	Frequency       Frequency
	InitialInstance Instant
	Timezone        Zone
	URITemplate     *Text
	// DoneFlag is nil when absent (Oozie then waits for _SUCCESS); present
	// but empty means the directory itself is the flag.
	DoneFlag *Text
	Async    bool
	// File is where the dataset was defined (the coordinator or an included
	// datasets file).
	File      string
	DeclRange hcl.Range
	Range     hcl.Range
}

// DataIn is an input event.
type DataIn struct {
	Name         string
	NameRange    hcl.Range
	DatasetName  string
	DatasetRange hcl.Range
	// Dataset is the resolved dataset; nil when the name is unknown.
	Dataset *Dataset
	// Instances is the <instance> list; empty when a range is used.
	Instances     []*Text
	StartInstance *Text
	EndInstance   *Text
	DeclRange     hcl.Range
	Range         hcl.Range
}

// DataOut is an output event.
type DataOut struct {
	Name         string
	NameRange    hcl.Range
	DatasetName  string
	DatasetRange hcl.Range
	Dataset      *Dataset
	Instance     *Text
	NoCleanup    *Text // nil when absent
	DeclRange    hcl.Range
	Range        hcl.Range
}

// LogicOp is the kind of an input-logic node.
type LogicOp string

// Input-logic node kinds.
const (
	LogicAnd     LogicOp = "and"
	LogicOr      LogicOp = "or"
	LogicCombine LogicOp = "combine"
	LogicDataIn  LogicOp = "data-in"
)

// LogicNode is a node of <input-logic> (schema 0.5).
type LogicNode struct {
	Op   LogicOp
	Name *Text
	Min  *Text
	Wait *Text
	// DataIn names the data-in of <input-events> for LogicDataIn nodes
	// (the XML attribute is called "dataset").
	DataIn    *Text
	Children  []*LogicNode
	DeclRange hcl.Range
	Range     hcl.Range
}

// Action is the coordinator action: a workflow.
type Action struct {
	AppPath       *Text
	Configuration []*Property
	// Flink, when set, is an inline Flink job (an HCL flink block) that
	// stands for a generated one-node workflow app; AppPath is then where
	// that app is deployed and Configuration passes its EL values (see
	// FlinkAction). Nil for a workflow written as such.
	Flink *FlinkAction
	// FlinkSQL, when set, is an inline flink-sql action (an HCL
	// flink_sql block), in the same way (see FlinkSQLAction).
	FlinkSQL  *FlinkSQLAction
	DeclRange hcl.Range
	Range     hcl.Range
}

// Property is a name/value pair of a <configuration>.
type Property struct {
	Name        *Text
	Value       *Text // nil when absent
	Description string
	Range       hcl.Range
}

// SLA is an <sla:info> block.
type SLA struct {
	Namespace string
	Version   Version // "0.1" or "0.2"
	Fields    []*SLAField
	DeclRange hcl.Range
	Range     hcl.Range
}

// SLAField is one child element of <sla:info>, in document order.
type SLAField struct {
	Name  string // local name, e.g. "should-end"
	Value *Text
	Range hcl.Range
}
