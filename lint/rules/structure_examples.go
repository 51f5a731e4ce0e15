package rules

import "strings"

// exampleCoord returns a small complete coordinator for rule documentation:
// a daily job with body (datasets, events, action) inserted before the end.
func exampleCoord(attrs, body string) string {
	if attrs == "" {
		attrs = `frequency="${coord:days(1)}" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"`
	}
	return `<coordinator-app name="daily-report" ` + attrs + `
                 xmlns="uri:oozie:coordinator:0.4">
` + strings.TrimRight(body, "\n") + `
</coordinator-app>
`
}

// exampleAction is an <action> whose workflow configuration holds value.
func exampleAction(value string) string {
	return `  <action>
    <workflow>
      <app-path>hdfs://nn:8020/apps/report</app-path>
      <configuration>
        <property>
          <name>reportDate</name>
          <value>` + value + `</value>
        </property>
      </configuration>
    </workflow>
  </action>`
}
