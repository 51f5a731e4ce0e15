# A timeout in hours says what it is.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  controls {
    timeout = coord::hours(48)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
