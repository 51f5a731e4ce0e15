# Started at 00:17 local: not meant as round local hours.
coordinator "example" {
  frequency = coord::hours(6)
  start     = "2009-01-02T08:17Z"
  end       = "2010-01-02T08:17Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
