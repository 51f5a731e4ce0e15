# One-digit fields: Oozie reads 2009-01-02T08:00Z.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-1-2T8:00Z" # want "TIME001: Start"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
