# 1440 minutes is 24 fixed hours, not a day, in Los Angeles.
coordinator "nightly" {
  frequency = 1440 # want "DST001: fixed 24 hours, not a calendar day"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/nightly"
  }
}
