package diag

import (
	"sort"
	"sync"
)

// Code names the kind of a diagnostic or of a runtime failure: one of
// Oozie's error codes (E0701), with the same meaning as in Oozie, or one of
// coordc's own (EL001, XML002, FS004, USAGE …). Every code coordc can print
// is a constant here and has an entry in the catalog (Lookup), which
// `coordc explain CODE` prints. Lint rule IDs are not codes: they name
// rules (package lint) and travel in Extra.RuleID.
type Code string

// Oozie's error codes, as Oozie's ErrorCode enumeration names them.
const (
	E0301 Code = "E0301" // invalid resource (server API)
	E0302 Code = "E0302" // invalid parameter (server API)
	E0305 Code = "E0305" // missing parameter (server API)
	E0307 Code = "E0307" // runtime error: not supported (server API)
	E0401 Code = "E0401" // missing or invalid job configuration (server API)
	E0404 Code = "E0404" // mutually exclusive properties both given
	E0420 Code = "E0420" // invalid jobs filter (server API)
	E0421 Code = "E0421" // invalid job filter (server API)
	E0505 Code = "E0505" // app definition does not exist
	E0509 Code = "E0509" // not authorized (server API)
	E0603 Code = "E0603" // state database error (server API)
	E0604 Code = "E0604" // job does not exist (server API)
	E0605 Code = "E0605" // action does not exist (server API)
	E0700 Code = "E0700" // XML error (not well-formed)
	E0701 Code = "E0701" // XML schema error
	E0705 Code = "E0705" // workflow node defined twice
	E0706 Code = "E0706" // workflow node transitions to itself
	E0707 Code = "E0707" // loop in the workflow graph
	E0708 Code = "E0708" // invalid transition
	E0710 Code = "E0710" // cannot read the workflow definition
	E0723 Code = "E0723" // unsupported action type or operation
	E0729 Code = "E0729" // kill node reached
	E0730 Code = "E0730" // fork and join not in pair
	E0732 Code = "E0732" // fork paths meet at different joins
	E0733 Code = "E0733" // fork without a join
	E0734 Code = "E0734" // invalid transition inside a fork
	E0736 Code = "E0736" // workflow definition too long
	E0737 Code = "E0737" // end node inside a fork
	E0738 Code = "E0738" // required parameter not defined
	E0739 Code = "E0739" // empty parameter name
	E0742 Code = "E0742" // join without a fork
	E0744 Code = "E0744" // fork with two paths to the same node
	E0803 Code = "E0803" // IO error (submit-time failures)
	E0808 Code = "E0808" // disallowed user property
	E0805 Code = "E0805" // workflow rerun of a job that has not ended
	E0806 Code = "E0806" // workflow rerun skipping a node that did not end OK
	E0807 Code = "E0807" // workflow rerun skipping a node that did not run
	E0820 Code = "E0820" // retry-max over the system maximum
	E1003 Code = "E1003" // invalid coordinator attribute
	E1004 Code = "E1004" // EL evaluation error
	E1006 Code = "E1006" // latest/future in an output event
	E1010 Code = "E1010" // invalid data in the coordinator XML (instances)
	E1015 Code = "E1015" // invalid coordinator job change value
	E1016 Code = "E1016" // cannot change a killed coordinator job
	E1018 Code = "E1018" // operation not allowed in the job's or action's status
	E1022 Code = "E1022" // cannot delete a running or completed action (change)
	E1021 Code = "E1021" // input check error
	E1028 Code = "E1028" // input logic error
	E1317 Code = "E1317" // invalid bundle job change value
	E1319 Code = "E1319" // coordinator 0.1 submitted from a bundle
)

// coordc's own codes.
const (
	EL001 Code = "EL001" // EL syntax error
	EL002 Code = "EL002" // unknown EL function
	EL003 Code = "EL003" // wrong number or type of arguments
	EL004 Code = "EL004" // EL function not allowed where it is written
	EL005 Code = "EL005" // undefined EL variable
	EL006 Code = "EL006" // EL evaluation error
	EL007 Code = "EL007" // EL function without an implementation

	CRON001 Code = "CRON001" // cron field read differently than written
	CRON003 Code = "CRON003" // cron schedule on which Oozie's materialization would hang

	XML001 Code = "XML001" // attribute internal to Oozie
	XML002 Code = "XML002" // namespace with surrounding white space
	XML003 Code = "XML003" // included datasets in a namespace Oozie ignores
	XML004 Code = "XML004" // several top-level input-logic elements

	WF001 Code = "WF001" // unreachable workflow node
	WF002 Code = "WF002" // workflow credentials coordc does not obtain

	FS002 Code = "FS002" // fs action: unsupported scheme or operation
	FS003 Code = "FS003" // fs action: path not absolute
	FS004 Code = "FS004" // fs action: other I/O error
	FS006 Code = "FS006" // fs action: move source missing
	FS007 Code = "FS007" // fs action: touchz on a non-empty file
	FS008 Code = "FS008" // fs action: invalid permissions

	// CodeUsage marks diagnostics about the invocation rather than the
	// definitions (a missing file, a malformed -D): the CLI exits 3.
	CodeUsage Code = "USAGE"
	// CodeTool is the code reports give a load diagnostic that has none
	// (an HCL syntax error, an unreadable file …), so that every entry of a
	// SARIF log names a documented rule. Diagnostics never carry it.
	CodeTool Code = "TOOL"

	// Failures of workflow actions run by coordc apply (the error code of
	// an action in coordc status and the state database).
	CodeELError       Code = "EL_ERROR"        // an EL expression failed at run time
	CodeLost          Code = "LOST"            // the action's process or job was lost
	CodeLaunchError   Code = "LAUNCH_ERROR"    // the action could not be started
	CodeInvalidEnv    Code = "INVALID_ENV_VAR" // a shell env-var is not NAME=VALUE
	CodeOutputError   Code = "OUTPUT_ERROR"    // capture-output could not be read
	CodeTimeout       Code = "TIMEOUT"         // a Flink job ran past the Flink timeout
	CodeFlinkFailed   Code = "FAILED"          // the Flink job failed
	CodeFlinkCanceled Code = "CANCELED"        // the Flink job was cancelled outside coordc
	CodeEmailError    Code = "EMAIL_ERROR"     // an email action's message could not be sent
	CodeSQLError      Code = "SQL_ERROR"       // a flink-sql action's statement failed on the SQL Gateway
	CodeUncertain     Code = "UNCERTAIN"       // a flink-sql statement may or may not have run and is not run twice
)

// IsExitStatus reports whether code is a shell action's exit status (a
// decimal number), the error code coordc apply records for a shell command
// that exits with a status other than 0.
func IsExitStatus(code Code) bool {
	if code == "" {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// CodeDoc documents a code.
type CodeDoc struct {
	Code Code
	// Title is a short name, in sentence case.
	Title string
	// Template is Oozie's message for the code, {0} … marking its
	// arguments; "" for coordc's own codes.
	Template string
	// Doc says when coordc reports the code and how to fix the cause.
	Doc string
}

// Lookup returns the documentation of code.
func Lookup(code Code) (CodeDoc, bool) {
	d, ok := catalog()[code]
	return d, ok
}

// Codes returns the documentation of every code, sorted by code.
func Codes() []CodeDoc {
	out := make([]CodeDoc, 0, len(catalog()))
	for _, d := range catalog() {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// catalog is codeDocs by code, built on first use (not in every
// invocation's start-up).
var catalog = sync.OnceValue(func() map[Code]CodeDoc {
	m := make(map[Code]CodeDoc, len(codeDocs))
	for _, d := range codeDocs {
		if _, dup := m[d.Code]; dup {
			panic("diag: code " + string(d.Code) + " documented twice")
		}
		m[d.Code] = d
	}
	return m
})

var codeDocs = []CodeDoc{
	{E0301, "Invalid resource", "Invalid resource [{0}]",
		"coordc server: the request names an endpoint or method the server does not serve (see the README's API table)."},
	{E0302, "Invalid parameter", "Invalid parameter [{0}]",
		"coordc server: a request parameter has a value the API does not accept (a jobtype, show, order, action, type or scope value, an offset or len that is not a number), or the request body is larger than the server reads."},
	{E0305, "Missing parameter", "Missing parameter [{0}]",
		"coordc server: a required request parameter is missing (action, or type and scope for a rerun)."},
	{E0307, "Runtime error", "Runtime error [{0}]",
		"coordc server: the request is valid for Oozie but coordc does not do it (standalone workflows, proxy jobs, change and ignore before the lifecycle commands), or the scheduler refused the operation (no such action, a concurrent change); the message says which."},
	{E0401, "Missing configuration property", "Missing configuration property [{0}]",
		"coordc server: the submitted configuration is not a <configuration> document (the message gives the line and column), names no application (oozie.coord.application.path), or names one that is not on the server's file system; or coordc rerun WFJOB got neither oozie.wf.rerun.skip.nodes nor oozie.wf.rerun.failnodes (--failnodes)."},
	{E0404, "Only one of the properties is allowed", "Only one of the properties are allowed [{0}]",
		"Two properties that exclude each other were both given, such as oozie.wf.rerun.skip.nodes and oozie.wf.rerun.failnodes for coordc rerun WFJOB. Give one of them."},
	{E0420, "Invalid jobs filter", "Invalid jobs filter [{0}], {1}",
		"coordc server: the filter of a jobs listing is not name=value pairs separated by ';' with the names status, name, user or id (workflows: status), or names a status that does not exist."},
	{E0421, "Invalid job filter", "Invalid job filter [{0}], {1}",
		"coordc server: the filter of a job's actions is not status=VALUE or status!=VALUE elements (not both kinds), or names a status that does not exist."},
	{E0505, "App definition does not exist", "App definition [{0}] does not exist",
		"A bundle entry's app-path names a coordinator that cannot be read. The app-path names the coordinator's directory (holding coordinator.xml or .coord.hcl files) or its file."},
	{E0509, "Not authorized", "User [{0}] not authorized for Coord job [{1}]",
		"coordc server: a mutating request (submit, kill, suspend, resume, rerun) without the server's bearer token. Send Authorization: Bearer TOKEN (the CLI reads --token-file, or <state>.token next to --state)."},
	{E0603, "State database error", "SQL error in operation, {0}",
		"coordc server: reading the state database failed. The message has the database's error; /readyz tells whether the database answers."},
	{E0604, "Job does not exist", "Job does not exist [{0}]",
		"coordc server: no coordinator or workflow job has this ID (see coordc jobs)."},
	{E0605, "Action does not exist", "Action does not exist [{0}]",
		"coordc server: the job has no action with this number (yet)."},
	{E0700, "XML error", "XML error, {0}",
		"The file is not well-formed XML (a syntax error, an unknown entity, a missing namespace), or too large to read. Oozie rejects it before looking at its content. Correct the XML at the position given."},
	{E0701, "XML schema error", "XML schema error, {0}",
		"The definition breaks the XML schema of the version its namespace declares: an unknown or misplaced element or attribute, a missing required one, a value of the wrong form. coordc checks the same schemas Oozie does (coordinator 0.1–0.5, bundle 0.1–0.2, workflow and its actions) and names what the schema expects at that point."},
	{E0705, "Node defined twice", "Node already defined, node [{0}]",
		"Two nodes of a workflow have the same name. Node names are unique in a workflow; rename one of them."},
	{E0706, "Node transitions to itself", "Node cannot transition to itself node [{0}]",
		"A workflow node's transition names the node itself. Point the transition at another node."},
	{E0707, "Loop in the workflow", "Loop detected at parsing, node [{0}]",
		"A transition leads back to a node on the path to it. Oozie workflows are acyclic: use retry-max for repetition, or restructure the graph."},
	{E0708, "Invalid transition", "Invalid transition, node [{0}] transition [{1}]",
		"A transition names no node of the workflow, or no path from the start node reaches the end node. Correct the node name (coordc suggests the closest one) or add the missing transition."},
	{E0710, "Cannot read the workflow definition", "Could not read the workflow definition, {0}",
		"The workflow.xml under a coordinator's workflow app-path cannot be read: the directory does not exist locally, or it is on HDFS and no WebHDFS endpoint is configured (--webhdfs, COORDC_WEBHDFS or a runtime block in .coordc.hcl)."},
	{E0723, "Unsupported action type or operation", "Unsupported action type, node [{0}] type [{1}]",
		"The workflow uses an action type, action schema version or operation that coordc apply cannot run (it runs shell, fs and Flink actions locally). Use a supported action, or run the workflow on Oozie."},
	{E0729, "Kill node reached", "Kill node message [{0}]",
		"The workflow reached a kill node; the action's error message is the kill node's message. This is the workflow's own decision, not a coordc error."},
	{E0730, "Fork and join not in pair", "Fork/Join not in pair",
		"A join node closes the paths of more than one fork. Give each fork its own join."},
	{E0732, "Fork paths meet at different joins", "Fork/Join not in pair (join should have been [{0}] but was [{1}])",
		"The paths of one fork lead to different join nodes. Make every path of a fork lead to the same join."},
	{E0733, "Fork without a join", "Fork [{0}] without a join",
		"The paths of a fork never meet again at a join node. Add a join and make every path lead to it."},
	{E0734, "Invalid transition inside a fork", "Invalid transition from node [{0}] to node [{1}] while using fork/join",
		"A branch inside a fork path leads somewhere other than the fork's join. Correct the transition."},
	{E0736, "Workflow definition too long", "Workflow definition length [{0}] exceeded maximum allowed length [{1}]",
		"The workflow definition is longer than Oozie's default maximum (oozie.service.WorkflowAppService.WorkflowDefinitionMaxLength). Split it into smaller workflows."},
	{E0737, "End node inside a fork", "Invalid transition from node [{0}] to node [{1}] -- nodes of type 'end' are not allowed within Fork/Join",
		"A fork path leads to the end node before reaching its join. A fork path ends at its join (or at a kill node)."},
	{E0738, "Required parameter not defined", "The following {0} parameters are required but were not defined and no default values are available: {1}",
		"A formal parameter (<parameters>, or an HCL variable) has no default, and no properties file, -D, -var or -var-file gives it a value. Pass the job's properties or give the parameter a default."},
	{E0739, "Empty parameter name", "Parameter name cannot be empty",
		"A formal parameter has an empty <name>. Every formal parameter needs a non-empty name."},
	{E0742, "Join without a fork", "No Fork for Join [{0}] to pair with",
		"No fork's paths lead to this join node. Remove the join or make a fork's paths lead to it."},
	{E0744, "Fork with two paths to the same node", "A fork, [{0}], is not allowed to have multiple transitions to the same node, [{1}]",
		"Two paths of a fork start at the same node. Every path of a fork starts at a different node; remove the duplicate."},
	{E0803, "IO error", "IO error, {0}",
		"Oozie reports most submit-time failures that are not schema errors with this code: an undefined or duplicate dataset, a duplicate data-in or data-out name, an unreadable or cyclic include, a duplicate bundle coordinator name, an asynchronous dataset. The message says which."},
	{E0808, "Disallowed user property", "Disallowed user property [{0}]",
		"A properties file or -D defines a name Oozie reserves for its own EL constants (MINUTE, HOUR, DAY, MONTH, YEAR …). Rename the property."},
	{E0805, "Workflow job not ended", "Workflow job not completed, status [{0}]",
		"A workflow job is rerun (coordc rerun WFJOB) only once it has ended: SUCCEEDED, KILLED or FAILED. Wait for it, or kill it first."},
	{E0806, "Skip node did not end OK", "Action did not complete in previous run, action [{0}]",
		"oozie.wf.rerun.skip.nodes names a node that ran but did not end OK in the run before, so there is nothing to carry over. Leave it out of the list (it runs again), or use --failnodes."},
	{E0807, "Skip node did not run", "Some skip actions were not executed [{0}]",
		"oozie.wf.rerun.skip.nodes names nodes that did not run in the run before (or are not action or decision nodes). Correct the names; the list is comma-separated."},
	{E0820, "Retry-max over the system maximum", "Action user retry max [{0}] is over system defined max [{1}], re-assign to use system max.",
		"A workflow action's retry-max is larger than Oozie's default system maximum; Oozie uses the maximum instead. Lower retry-max."},
	{E1003, "Invalid coordinator attribute", "Invalid coordinator application attributes, {0}",
		"A coordinator attribute or control has a value Oozie rejects at submit: a start or end that is not a UTC datetime, an unknown time zone, a frequency that is neither a number nor a valid cron expression or is faster than every 5 minutes, start not before end, an execution order other than FIFO, LIFO, LAST_ONLY or NONE, a timeout, concurrency or throttle that is not an integer."},
	{E1004, "EL evaluation error", "Expression language evaluation error, {0}",
		"An EL expression cannot be evaluated where it is written: it uses an undefined variable where a value is needed, a function fails, or a data-in or data-out name it names does not exist. The message names the expression."},
	{E1006, "Latest or future in an output event", "Invalid coordinator application [{0}], {1}",
		"A data-out uses coord:latest or coord:future; Oozie fails every action's input check. Use coord:current for outputs."},
	{E1010, "Invalid instances in the coordinator", "Invalid data in coordinator xml, {0}",
		"A data-in's start-instance and end-instance mix kinds (latest, current, future, offset), an end-of frequency is combined with a function other than current, or the start is after the end. Write both ends of the range with the same function, start first."},
	{E1015, "Invalid change value", "Invalid coordinator job change value [{0}], {1}",
		"coordc change (Oozie's -change) refused a value: the job is IGNORED, a value name is unknown or repeated, the concurrency is not an integer, the pause time is in the past, or the new end is before the start. The message says which."},
	{E1016, "Killed job cannot change", "Cannot change a killed coordinator job",
		"coordc change cannot change a KILLED job. Rerun or resubmit it instead."},
	{E1022, "Action cannot be deleted", "Cannot delete running/completed coordinator action: [{0}]",
		"A new end or pause time would drop an action that has already run or is running: only WAITING and READY actions after the new time are deleted. Choose a later time."},
	{E1018, "Not allowed in this status", "Coord Job Rerun Error: {0}",
		"An operation that the job's or action's status does not allow: killing or suspending a finished job, rerunning an action that is not finished. Wait, or act on another job or action."},
	{E1021, "Input check error", "Coord Action Input Check Error: {0}",
		"A dataset or data-in value cannot be resolved when an action is checked: an initial-instance before 1970-01-01T00:00Z, several date instances where one is allowed, or an input that cannot be resolved at run time. The message says which."},
	{E1028, "Input logic error", "Coord input logic error. {0}",
		"An <input-logic> refers to an unknown data-in, or combines data-ins that cannot be combined (ranges of different lengths, latest or future instances)."},
	{E1317, "Invalid bundle change value", "Invalid bundle job change value {0}, {1}",
		"coordc change of a bundle job takes endtime and pausetime only (Oozie's -change of a bundle), cannot change a KILLED bundle, and refuses an end time before the bundle's kick-off time or a pause time in the past. Each coordinator job of the bundle then gets the same change."},
	{E1319, "Coordinator 0.1 from a bundle", "Invalid bundle coord job namespace, [{0}]",
		"Oozie refuses to submit a coordinator of schema 0.1 from a bundle. Change the coordinator's namespace to uri:oozie:coordinator:0.2 or later."},

	{EL001, "EL syntax error", "",
		"An EL expression does not parse: an unclosed ${, a missing operand or parenthesis, an unterminated string. Also the lint rule of the same ID (coordc explain EL001 prints the rule)."},
	{EL002, "Unknown EL function", "",
		"An EL call names a function that does not exist in Oozie's coordinator EL. coordc suggests the closest name."},
	{EL003, "Wrong EL arguments", "",
		"An EL call has the wrong number of arguments, or an argument of the wrong type (for example a unit name that is not one Oozie accepts)."},
	{EL004, "EL function not allowed here", "",
		"An EL function is used where Oozie does not provide it (for example coord:dataIn outside the action configuration). The message names the place and what it allows."},
	{EL005, "Undefined EL variable", "",
		"An EL expression names a parameter that no properties file, -D, -var, -var-file or formal parameter defines. Values that depend on it are reported as not checked rather than guessed; --strict makes this an error."},
	{EL006, "EL evaluation error", "",
		"An EL expression parses but fails when evaluated: a value that cannot be converted, a division by zero, a function that fails on its arguments."},
	{EL007, "EL function not implemented", "",
		"An EL function exists in Oozie but coordc has no implementation for the place it is evaluated. Please report it."},

	{CRON003, "Oozie would hang on this cron schedule", "",
		"Quartz never finds the next fire of this cron expression after some date ('L-nW' with n of 28 or more in some months), so Oozie's materialization would spin there; coordc's plan stops at that date with this code. Also the lint rule of the same ID (coordc explain CRON003 prints the rule)."},
	{CRON001, "Cron field not read as written", "",
		"Oozie's cron parser (Quartz) accepts a field of a cron frequency but reads it differently than it looks. Also the lint rule of the same ID (coordc explain CRON001 prints the rule)."},

	{XML001, "Attribute internal to Oozie", "",
		"The definition carries an attribute that Oozie adds to the job XML it stores; it is not part of the schema and is ignored. Remove it."},
	{XML002, "Namespace with white space", "",
		"An xmlns value has leading or trailing white space, which Oozie's schema lookup does not trim. Remove the white space."},
	{XML003, "Included datasets in another namespace", "",
		"An included datasets file declares a namespace in which Oozie does not see its datasets. Give the file the datasets namespace of the including coordinator."},
	{XML004, "Several top-level input-logic elements", "",
		"An <input-logic> has more than one top-level element; Oozie uses only the first. Wrap them in <and> or <or>."},

	{WF001, "Unreachable workflow node", "",
		"No transition from the start node reaches this node, so it never runs. Remove it or add a transition to it."},

	{WF002, "Credentials not obtained", "",
		"The workflow declares <credentials> (or an action names one with cred=): Oozie obtains these delegation tokens (hcat, hive2, hbase, jdbc …) before the action runs; coordc does not, so actions run with the identity of the coordc process (its Kerberos ticket, if any). Remove the credentials, or make sure the process's own identity is enough. An action naming a credential the workflow does not declare is reported too."},
	{FS002, "Unsupported file system operation", "",
		"An fs action (or a shell action's file) uses a scheme or operation coordc apply does not run: chmod or chgrp on HDFS, a file from HDFS for a local shell action, or another scheme than file:// and hdfs://."},
	{FS003, "Path not absolute", "",
		"An fs action path is relative. fs actions take absolute paths, file:// or hdfs:// URIs."},
	{FS004, "File system I/O error", "",
		"An fs action, or reading a Flink jar, failed with an I/O error; the message has the operating system's or WebHDFS's error."},
	{FS006, "Move source missing", "",
		"The source of an fs move does not exist."},
	{FS007, "Touchz on a non-empty file", "",
		"fs touchz names a file that exists and is not empty; Hadoop refuses it as Oozie does."},
	{FS008, "Invalid permissions", "",
		"An fs chmod has permissions that are neither octal (755) nor symbolic (rwxr-xr-x)."},

	{CodeUsage, "Invalid invocation", "",
		"The command line is wrong rather than the definitions: a file or directory that cannot be read, a malformed -D or -var, a properties file that cannot be read. The command exits 3."},
	{CodeTool, "Diagnostic without a code", "",
		"A diagnostic of loading the definitions that has no Oozie or coordc code: an HCL syntax error, a file that cannot be read, a malformed properties file. Reports name it TOOL so that every entry has a rule."},

	{CodeELError, "EL error at run time", "",
		"An EL expression of a workflow action failed when the action ran; the error message has the diagnostic."},
	{CodeLost, "Action lost", "",
		"coordc apply restarted and found the action's process, or its recorded Flink job, gone or unreadable; the action is failed rather than run twice."},
	{CodeLaunchError, "Action could not start", "",
		"The action's process or Flink job could not be started (the executable is missing, no Flink endpoint is configured, the Flink REST call failed)."},
	{CodeInvalidEnv, "Invalid environment variable", "",
		"A shell action's env-var is not NAME=VALUE."},
	{CodeOutputError, "Output could not be captured", "",
		"A shell action with capture-output wrote output that cannot be read as Java properties, or more than Oozie's limit."},
	{CodeEmailError, "Email could not be sent", "",
		"An email action's message was not sent: an invalid to, cc or bcc address, no to address, an unreadable attachment, or the SMTP server refused it or could not be reached. The message says which."},
	{CodeSQLError, "Flink SQL statement failed", "",
		"A flink-sql action's statement ended in ERROR on the Flink SQL Gateway, or the gateway refused it; the message names the statement and has the gateway's cause."},
	{CodeUncertain, "Flink SQL statement outcome unknown", "",
		"coordc stopped (or the SQL Gateway did not answer) while a flink-sql statement was being submitted. The gateway cannot tell whether it runs, and the statement (an INSERT, EXECUTE, CREATE TABLE AS, plain DDL …) is not safe to run twice, so the action fails instead. The message names the pipeline.name under which its Flink job, if any, can be found."},
	{CodeTimeout, "Flink job timed out", "",
		"A Flink action's job ran longer than the Flink timeout coordc apply was given and was stopped (with a savepoint when configured) or cancelled; or a flink-sql action ran longer than the flink_sql timeout (its statement was cancelled), or the SQL Gateway timed its statement out."},
	{CodeFlinkFailed, "Flink job failed", "",
		"A Flink action's job ended in Flink's FAILED state; the error message has the root exception from Flink's exception history."},
	{CodeFlinkCanceled, "Flink job cancelled", "",
		"A Flink action's job was cancelled outside coordc (from Flink's UI or CLI), or a flink-sql action's statement was cancelled or closed on the SQL Gateway by someone else; the action is failed."},
}
