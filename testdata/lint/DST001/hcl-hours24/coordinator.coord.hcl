# coord::hours(24) is 24 fixed hours, not a day, in Los Angeles.
coordinator "nightly" {
  frequency = coord::hours(24) # want "DST001"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/nightly"
  }
}
