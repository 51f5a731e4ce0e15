coordinator "cron003" {
  frequency = "40 15 L-30W * ?" # want "CRON003"
  start     = "2033-01-01T00:00Z"
  end       = "2035-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/report"
  }
}
