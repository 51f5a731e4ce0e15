# UTC has no gaps.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2016-01-01T02:30Z"
  end       = "2017-01-01T02:30Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
