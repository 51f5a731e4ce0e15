# End before start.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2010-01-02T08:00Z"
  end       = "2009-01-02T08:00Z" # want "TIME002"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
