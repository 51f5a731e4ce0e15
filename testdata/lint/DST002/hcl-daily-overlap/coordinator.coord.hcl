# Daily at 01:30 PDT: the time occurs twice on 2016-11-06.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2016-06-01T08:30Z" # want "DST002: occurs twice"
  end       = "2017-06-01T08:30Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
