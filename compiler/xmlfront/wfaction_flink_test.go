package xmlfront

import (
	"testing"

	"github.com/coordc/coordc/schemas"
)

// TestFlinkSchemaMatchesXSD checks the parser's content model against the
// published schemas/flink-action-0.1.xsd: the same elements in the same
// order with the same counts.
func TestFlinkSchemaMatchesXSD(t *testing.T) {
	checkActionXSD(t, schemas.FlinkActionXSD(), FlinkNS, flinkDecl())
}
