# Daily at 02:30 PST: the time does not exist on 2016-03-13.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2016-01-01T10:30Z" # want "DST002: 02:30 falls in a daylight saving gap"
  end       = "2017-01-01T10:30Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
