# coord::days(1) from midnight runs at the start.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-01T00:00Z"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
