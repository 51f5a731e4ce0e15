# endOfMonths moves the first action past the end: no action.
coordinator "example" {
  frequency = coord::endOfMonths(1)
  start     = "2009-02-01T01:00Z"
  end       = "2009-02-03T23:59Z" # want "TIME002: runs no action"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
