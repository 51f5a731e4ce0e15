/* coordc:ignore DST01 -- typo */ # want `SUP001: unknown rule "DST01"`
coordinator "example" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
