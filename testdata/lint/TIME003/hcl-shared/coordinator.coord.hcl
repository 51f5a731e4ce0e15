coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-01T00:00Z"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  input "in" {
    dataset  = dataset.logs # want "TIME003: data-in \"in\" gets no instances"
    instance = coord::current(-1)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
