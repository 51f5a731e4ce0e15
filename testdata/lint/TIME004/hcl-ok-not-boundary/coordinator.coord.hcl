# Started at 01:00: moving to the next midnight is expected.
coordinator "example" {
  frequency = coord::endOfDays(1)
  start     = "2009-01-01T01:00Z"
  end       = "2010-01-01T01:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
