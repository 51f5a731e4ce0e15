# coord::days(2) in a timeout is 48 fixed hours in Los Angeles.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  controls {
    timeout = coord::days(2) # want "DST005: not calendar days"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
