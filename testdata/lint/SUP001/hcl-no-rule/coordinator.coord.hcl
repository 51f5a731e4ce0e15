/* coordc:ignore -- everything */ # want "SUP001: names no rule"
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
