package flinkfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Java class names that appear in the error texts the fake writes. Clients
// match on some of them (DuplicateJobSubmissionException,
// FlinkJobNotFoundException), so they must be spelled as Flink spells them.
const (
	classRestHandler   = "org.apache.flink.runtime.rest.handler.RestHandlerException"
	classNotFound      = "org.apache.flink.runtime.rest.NotFoundException"
	classJobNotFound   = "org.apache.flink.runtime.messages.FlinkJobNotFoundException"
	classDuplicateJob  = "org.apache.flink.runtime.client.DuplicateJobSubmissionException"
	classCompletion    = "java.util.concurrent.CompletionException"
	classFlinkRuntime  = "org.apache.flink.util.FlinkRuntimeException"
	classProgramInvoke = "org.apache.flink.client.program.ProgramInvocationException"
	classFlinkExc      = "org.apache.flink.util.FlinkException"
	classCheckpoint    = "org.apache.flink.runtime.checkpoint.CheckpointException"
)

// ErrorBody is Flink's ErrorResponseBody: {"errors": [...]}, the body of
// every error answer of Flink's REST endpoints (the SQL Gateway's too).
type ErrorBody struct {
	Errors []string `json:"errors"`
}

// javaTrace renders an exception chain the way ExceptionUtils.stringifyException
// does: the outermost "class: message" line, a stack frame, then one
// "Caused by:" block per cause. Each chain element is "fqcn: message".
func javaTrace(frame string, chain ...string) string {
	var b strings.Builder
	for i, c := range chain {
		if i > 0 {
			b.WriteString("\nCaused by: ")
		}
		b.WriteString(c)
		if i == 0 {
			fmt.Fprintf(&b, "\n\tat %s", frame)
		} else {
			b.WriteString("\n\t... 1 more")
		}
	}
	return b.String()
}

// WriteJSON writes v with Flink's content type and the given status, as
// Flink's REST endpoints (the SQL Gateway's too) answer.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"errors":["Internal server error."]}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// handlerError answers like a RestHandlerException thrown by a handler: the
// chosen status and one error string holding the stringified exception,
// message first, then its causes.
func handlerError(w http.ResponseWriter, status int, frame, message string, causes ...string) {
	chain := append([]string{classRestHandler + ": " + message}, causes...)
	WriteJSON(w, status, ErrorBody{Errors: []string{javaTrace(frame, chain...)}})
}

// notFoundError answers like a NotFoundException (a 404 RestHandlerException).
func notFoundError(w http.ResponseWriter, frame, message string, causes ...string) {
	chain := append([]string{classNotFound + ": " + message}, causes...)
	WriteJSON(w, http.StatusNotFound, ErrorBody{Errors: []string{javaTrace(frame, chain...)}})
}

// internalError answers like an exception no handler mapped: 500 with
// "Internal server error." and the server-side trace in a second element.
func internalError(w http.ResponseWriter, frame string, chain ...string) {
	trace := fmt.Sprintf("<Exception on server side:\n%s\nEnd of exception on server side>", javaTrace(frame, chain...))
	WriteJSON(w, http.StatusInternalServerError, ErrorBody{Errors: []string{"Internal server error.", trace}})
}

// routeNotFound answers like the router for an unknown path or method.
func routeNotFound(w http.ResponseWriter, r *http.Request) {
	WriteJSON(w, http.StatusNotFound, ErrorBody{Errors: []string{"Not found: " + r.URL.RequestURI()}})
}

// badRequestFormat answers like AbstractHandler when the JSON body does not
// deserialize into the request class (Flink's mapper is strict: unknown
// fields, wrong types and malformed ids all end here).
func badRequestFormat(w http.ResponseWriter, requestClass string, cause error) {
	handlerError(w, http.StatusBadRequest, "org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java)",
		fmt.Sprintf("Request did not match expected format %s.", requestClass),
		"org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonMappingException: "+cause.Error())
}
