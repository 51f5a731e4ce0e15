# Monthly on the 13th at 02:30 PST: 2016-03-13 has no 02:30.
coordinator "example" {
  frequency = coord::months(1)
  start     = "2016-02-13T10:30Z" # want "DST002: gap"
  end       = "2017-02-13T10:30Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
