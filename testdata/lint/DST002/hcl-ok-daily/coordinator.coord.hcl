# Daily at 03:30 local: outside both the gap and the overlap.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2016-01-01T11:30Z"
  end       = "2017-01-01T11:30Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
