coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  input "logs" {
    dataset  = dataset.logs
    instance = coord::current(-1)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
