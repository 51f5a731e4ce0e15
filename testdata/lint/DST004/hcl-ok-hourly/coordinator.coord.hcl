# Every hour at :05: a one-hour shift changes nothing.
coordinator "example" {
  frequency = "5 * * * *"
  start     = "2019-01-01T00:05Z"
  end       = "2020-01-01T00:05Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
