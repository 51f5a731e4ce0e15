# endOfDays with room for actions.
coordinator "example" {
  frequency = coord::endOfDays(1)
  start     = "2009-02-01T01:00Z"
  end       = "2009-02-03T23:59Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
