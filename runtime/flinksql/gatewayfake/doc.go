// Package gatewayfake is an in-process fake of Flink's SQL Gateway REST
// endpoint, API versions v1 to v4, built from the published OpenAPI specs
// (rest_v1_sql_gateway.yml … rest_v4_sql_gateway.yml). It exists so that
// coordc's flink-sql actions can be tested on loopback without a gateway
// and a cluster.
//
// It serves, under /v1 … /v<N> (N the newest version it plays; unprefixed
// paths are the newest), with the gateway's paths, methods, member names
// and error bodies:
//
//	GET    /api_versions                                   GetApiVersionResponseBody
//	GET    /info                                           GetInfoResponseBody
//	POST   /sessions                                       OpenSessionRequestBody -> OpenSessionResponseBody
//	GET    /sessions/:session_handle                       GetSessionConfigResponseBody
//	DELETE /sessions/:session_handle                       CloseSessionResponseBody
//	POST   /sessions/:session_handle/heartbeat             {}
//	POST   /sessions/:session_handle/statements            ExecuteStatementRequestBody -> ExecuteStatementResponseBody
//	GET    /sessions/:session_handle/operations/:operation_handle/status
//	POST   /sessions/:session_handle/operations/:operation_handle/cancel
//	DELETE /sessions/:session_handle/operations/:operation_handle/close
//	GET    /sessions/:session_handle/operations/:operation_handle/result/:token
//
// Behaviour modelled on the gateway:
//   - No version has an operation list or an idempotency key: a statement
//     is executed once per request, and Executions records each one.
//   - Sessions live in memory: Restart forgets them all. Closing a session
//     cancels and forgets its operations.
//   - An unknown session or operation is a 500 whose server-side exception
//     is SqlGatewayException "Session '…' does not exist." or "Can not find
//     the submitted operation in the OperationManager with the …".
//   - Fetching the results of a failed operation is a 500 carrying the
//     statement's error; a running one answers NOT_READY with the same
//     token; from v2 on, rowFormat is a required query parameter.
//   - Request bodies are decoded strictly (an unknown member is a 400).
//   - Result pages are written as Flink's ResultInfo serializer writes
//     them: "columns" and rows of {"kind","fields"}, with "isQueryResult"
//     (the spec calls it queryResult).
//
// Each statement's outcome comes from a Script: how long it runs, its
// columns and rows, an error, a Flink job id. DropNextExecuteAnswer runs
// the next statement but resets the connection instead of answering, which
// is what a client that crashed during the call would have seen.
//
// It is not a gateway: no SQL is parsed or planned.
package gatewayfake
