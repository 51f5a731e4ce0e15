coordinator "example" {
  frequency = coord::months(1)
  start     = "2009-02-01T00:00Z"
  end       = "2010-02-01T00:00Z"
  timezone  = "UTC"

  input "m" {
    dataset  = dataset.monthly
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
