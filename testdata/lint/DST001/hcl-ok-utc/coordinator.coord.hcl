# UTC has no daylight saving time: 1440 minutes is always a day.
coordinator "nightly" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/nightly"
  }
}
