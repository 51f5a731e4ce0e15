# T24:00, used throughout the spec, is rejected.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2009-12-31T24:00Z" # want "TIME001: End .*datetime"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
