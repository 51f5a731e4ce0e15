package flinkfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const runFrame = "org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest(JarRunHandler.java)"

// runBody is JarRunRequestBody as both flavours define it.
type runBody struct {
	EntryClass            *string           `json:"entryClass"`
	ProgramArgsList       []string          `json:"programArgsList"`
	Parallelism           *int32            `json:"parallelism"`
	JobID                 *string           `json:"jobId"`
	AllowNonRestoredState *bool             `json:"allowNonRestoredState"`
	SavepointPath         *string           `json:"savepointPath"`
	ClaimMode             *string           `json:"claimMode"`
	RestoreMode           *string           `json:"restoreMode"`
	FlinkConfiguration    map[string]string `json:"flinkConfiguration"`
}

// runBody120 adds the deprecated programArgs string that 1.20 still takes.
type runBody120 struct {
	runBody
	ProgramArgs *string `json:"programArgs"`
}

// runFields are the JarRunRequestBody members; runFields120 adds programArgs.
var (
	runFields    = []string{"entryClass", "programArgsList", "parallelism", "jobId", "allowNonRestoredState", "savepointPath", "claimMode", "restoreMode", "flinkConfiguration"}
	runFields120 = append(append([]string(nil), runFields...), "programArgs")
)

// decodeStrict decodes like Flink's strict ObjectMapper: an empty body is
// "{}", and a member not in fields (matched case-sensitively, unlike
// encoding/json) is an error.
func decodeStrict(r io.Reader, v any, fields []string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	for name := range members {
		if !slices.Contains(fields, name) {
			return fmt.Errorf("unrecognized field %q, not marked as ignorable", name)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

// handleJarRun serves POST /jars/:jarid/run.
func (s *Server) handleJarRun(w http.ResponseWriter, r *http.Request, p params) {
	var body runBody120
	var target any = &body.runBody
	fields := runFields
	if s.opts.Flavor == Flink120 {
		target, fields = &body, runFields120
	}
	if err := decodeStrict(r.Body, target, fields); err != nil {
		if tooLarge(err) {
			WriteJSON(w, http.StatusRequestEntityTooLarge, ErrorBody{Errors: []string{"Request entity too large."}})
			return
		}
		badRequestFormat(w, "JarRunRequestBody", err)
		return
	}
	if err := validateRunBody(&body.runBody); err != nil {
		badRequestFormat(w, "JarRunRequestBody", err)
		return
	}
	run, msg := s.mergeRun(&body, r.URL.Query())
	if msg != "" {
		handlerError(w, http.StatusBadRequest, runFrame, msg)
		return
	}
	run.JarID = p["jarid"]
	s.submit(w, run)
}

func validateRunBody(b *runBody) error {
	if b.JobID != nil && !isHex32(*b.JobID) {
		return fmt.Errorf("cannot deserialize JobID from %q", *b.JobID)
	}
	for _, m := range []*string{b.ClaimMode, b.RestoreMode} {
		if m != nil && *m != "CLAIM" && *m != "NO_CLAIM" && *m != "LEGACY" {
			return fmt.Errorf("cannot deserialize claim mode from %q: not one of the values accepted for Enum class: [CLAIM, NO_CLAIM, LEGACY]", *m)
		}
	}
	return nil
}

// mergeRun applies Flink's rule that a body field wins over the matching
// query parameter. It returns a message for a 400 when the request is
// contradictory or a query parameter does not parse.
func (s *Server) mergeRun(b *runBody120, q url.Values) (RunInfo, string) {
	run := RunInfo{FlinkConfiguration: b.FlinkConfiguration, Parallelism: -1}
	run.EntryClass = pick(b.EntryClass, q.Get("entry-class"))
	run.SavepointPath = pick(b.SavepointPath, q.Get("savepointPath"))
	if b.JobID != nil {
		run.JobID = strings.ToLower(*b.JobID)
	}
	run.ClaimMode = pick(b.ClaimMode, pick(b.RestoreMode, ""))
	switch {
	case b.Parallelism != nil:
		run.Parallelism = int(*b.Parallelism)
	case q.Get("parallelism") != "":
		n, err := strconv.ParseInt(q.Get("parallelism"), 10, 32)
		if err != nil {
			return run, fmt.Sprintf("Bad request, could not parse parameters: Cannot resolve query parameter (parallelism) from value %q.", q.Get("parallelism"))
		}
		run.Parallelism = int(n)
	}
	switch {
	case b.AllowNonRestoredState != nil:
		run.AllowNonRestoredState = *b.AllowNonRestoredState
	case q.Get("allowNonRestoredState") != "":
		v := q.Get("allowNonRestoredState")
		if v != "true" && v != "false" {
			return run, fmt.Sprintf("Bad request, could not parse parameters: Cannot resolve query parameter (allowNonRestoredState) from value %q.", v)
		}
		run.AllowNonRestoredState = v == "true"
	}
	legacy := ""
	if b.ProgramArgs != nil {
		legacy = *b.ProgramArgs
	}
	switch {
	case legacy != "" && len(b.ProgramArgsList) > 0:
		return run, "Confusing request: programArgs and programArgsList are specified, please, use only programArgsList"
	case len(b.ProgramArgsList) > 0:
		run.ProgramArgs = b.ProgramArgsList
	case legacy != "":
		run.ProgramArgs = tokenize(legacy)
	case len(q["programArg"]) > 0:
		for _, v := range q["programArg"] {
			run.ProgramArgs = append(run.ProgramArgs, strings.Split(v, ",")...)
		}
	case s.opts.Flavor == Flink120 && q.Get("program-args") != "":
		run.ProgramArgs = tokenize(q.Get("program-args"))
	}
	return run, ""
}

func pick(body *string, query string) string {
	if body != nil {
		return *body
	}
	return query
}

// tokenize splits the deprecated programArgs string on white space, keeping
// single- or double-quoted runs together, as Flink's tokenizer does.
func tokenize(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	inToken := false
	for _, c := range s {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(c)
		case c == '"' || c == '\'':
			quote, inToken = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inToken {
				out = append(out, cur.String())
				cur.Reset()
				inToken = false
			}
		default:
			cur.WriteRune(c)
			inToken = true
		}
	}
	if inToken {
		out = append(out, cur.String())
	}
	return out
}

// submit runs the program: it resolves the jar and entry class, rejects a
// duplicate job id the way the Dispatcher does, and registers the job.
func (s *Server) submit(w http.ResponseWriter, run RunInfo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	jar, ok := s.jars[run.JarID]
	if !ok {
		handlerError(w, http.StatusBadRequest, runFrame, fmt.Sprintf("Jar file %s/%s does not exist", s.uploadDir(), run.JarID))
		return
	}
	if run.EntryClass == "" {
		run.EntryClass = jar.mainClass
	}
	if run.EntryClass == "" {
		internalError(w, "org.apache.flink.runtime.webmonitor.handlers.utils.JarHandlerUtils.toPackagedProgram(JarHandlerUtils.java)",
			classCompletion+": "+classProgramInvoke+": Neither a 'Main-Class', nor a 'program-class' entry was found in the jar file.",
			classProgramInvoke+": Neither a 'Main-Class', nor a 'program-class' entry was found in the jar file.")
		return
	}
	if run.JobID == "" {
		run.JobID = s.nextID()
	}
	if _, dup := s.jobs[run.JobID]; dup {
		name := run.EntryClass[strings.LastIndex(run.EntryClass, ".")+1:]
		handlerError(w, http.StatusBadRequest, runFrame, "Could not execute application.",
			classCompletion+": "+classFlinkRuntime+": Could not execute application.",
			classFlinkRuntime+": Could not execute application.",
			classProgramInvoke+": The main method caused an error: Failed to execute job '"+name+"'.",
			classFlinkExc+": Failed to execute job '"+name+"'.",
			classDuplicateJob+": Job has already been submitted.")
		return
	}
	now := s.clock.Now()
	s.jobs[run.JobID] = newJob(run, now, s.opts.Script(run))
	s.order = append(s.order, run.JobID)
	WriteJSON(w, http.StatusOK, map[string]string{"jobid": run.JobID})
}
