package rules

// The parts of the rules' documentation examples, as constants so that the
// analyzers are static data (their documentation costs nothing at
// start-up):
//
//	exampleCoordOpen + BODY + exampleCoordClose
//
// is a small complete coordinator, a daily job with BODY (datasets, events,
// action) inserted before the end;
// exampleCoordStart + ATTRS + exampleCoordNS + BODY + exampleCoordClose the
// same with other frequency, start, end and time-zone attributes; and
//
//	exampleActionOpen + VALUE + exampleActionClose
//
// an <action> whose workflow configuration holds VALUE.
const (
	exampleCoordStart = `<coordinator-app name="daily-report" `
	exampleCoordNS    = `
                 xmlns="uri:oozie:coordinator:0.4">
`
	exampleCoordOpen  = exampleCoordStart + `frequency="${coord:days(1)}" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"` + exampleCoordNS
	exampleCoordClose = `
</coordinator-app>
`
	exampleActionOpen = `  <action>
    <workflow>
      <app-path>hdfs://nn:8020/apps/report</app-path>
      <configuration>
        <property>
          <name>reportDate</name>
          <value>`
	exampleActionClose = `</value>
        </property>
      </configuration>
    </workflow>
  </action>`
)
