// Package openapi reads the OpenAPI 3.0 documents Flink generates for its
// REST endpoints (the dispatcher and the SQL Gateway, a YAML subset) and
// checks JSON values against their component schemas. coordc's fakes of
// Flink's endpoints use it in their tests, so that every request and answer
// they exchange is the shape the published spec describes.
package openapi
