package props

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse parses a 1,000-line file with comments, continuations and
// escapes.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for i := range 1000 {
		switch i % 10 {
		case 0:
			sb.WriteString("# comment line\n")
		case 1:
			fmt.Fprintf(&sb, "long.value.%d = first part \\\n", i)
		case 2:
			sb.WriteString("    second part\n")
		case 3:
			fmt.Fprintf(&sb, "escaped\\ key.%d : caf\\u00e9\\tbar\n", i)
		default:
			fmt.Fprintf(&sb, "oozie.coord.property.%d=hdfs://namenode:8020/user/${user.name}/apps/%d\n", i, i)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := Parse("job.properties", data); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
