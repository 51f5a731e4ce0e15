# From a job property: reported, no fix.
coordinator "example" {
  frequency = coord::days(1)
  start     = start # want "TIME001"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
