package el

import (
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// echoStyle says how Oozie's echo implementation of a function prints its
// arguments (CoordELFunctions.ph1_*_echo and HCatELFunctions.ph1_*_echo).
type echoStyle struct {
	sep   string
	quote func(i int) bool // whether argument i is put in single quotes
}

var (
	quoteNone  = func(int) bool { return false }
	quoteFirst = func(i int) bool { return i == 0 }
	quoteAll   = func(int) bool { return true }
)

// echoStyles lists the functions whose echo text differs from the default
// (arguments unquoted, separated by ", ").
var echoStyles = map[string]echoStyle{
	"coord:offset":       {" , ", quoteNone},
	"coord:dateOffset":   {" , ", quoteNone},
	"coord:dateTzOffset": {" , ", quoteNone},
	"coord:formatTime":   {" , ", quoteFirst},
	"coord:epochTime":    {" , ", quoteFirst},

	"coord:dataIn":                {", ", quoteAll},
	"coord:dataOut":               {", ", quoteAll},
	"coord:databaseIn":            {", ", quoteAll},
	"coord:databaseOut":           {", ", quoteAll},
	"coord:tableIn":               {", ", quoteAll},
	"coord:tableOut":              {", ", quoteAll},
	"coord:dataInPartitionFilter": {", ", quoteAll},
	"coord:dataInPartitionMin":    {", ", quoteAll},
	"coord:dataInPartitionMax":    {", ", quoteAll},
	"coord:dataInPartitions":      {", ", quoteAll},
	"coord:dataOutPartitions":     {", ", quoteAll},
	"coord:dataOutPartitionValue": {", ", quoteAll},
}

// EchoText returns the text Oozie's echo implementation of call produces for
// the given arguments, without the surrounding "${" "}" (Oozie wraps the
// whole evaluated text once, see EvalTemplate). Arguments are converted with
// ToString and printed as Oozie prints them: for example
// coord:future(1, 10), coord:formatTime('2009-09-08T23:59Z' , yyyy),
// coord:dataIn('input').
func EchoText(call *ir.Call, args []Value) string {
	name := call.QualifiedName()
	style, ok := echoStyles[name]
	if !ok {
		style = echoStyle{", ", quoteNone}
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteString(style.sep)
		}
		if style.quote(i) {
			b.WriteString("'" + ToString(a) + "'")
		} else {
			b.WriteString(ToString(a))
		}
	}
	b.WriteByte(')')
	return b.String()
}
