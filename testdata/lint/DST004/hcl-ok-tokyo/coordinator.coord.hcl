# Tokyo has no daylight saving time.
coordinator "example" {
  frequency = "0 20 * * *"
  start     = "2019-01-01T20:00Z"
  end       = "2020-01-01T20:00Z"
  timezone  = "Asia/Tokyo"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
