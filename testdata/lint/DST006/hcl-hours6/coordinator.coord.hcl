# Every 6 hours from local midnight in Los Angeles.
coordinator "example" {
  frequency = coord::hours(6) # want "DST006"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
