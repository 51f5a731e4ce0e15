coordinator "example" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  # want+1 "SUP001: not at the top"
  # coordc:ignore-file DST001 -- too late

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
