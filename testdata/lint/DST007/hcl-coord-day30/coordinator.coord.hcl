# Monthly on the 30th: February gets the 28th.
coordinator "example" {
  frequency = coord::months(1)
  start     = "2009-01-30T00:00Z" # want "DST007: day 30"
  end       = "2010-01-30T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
