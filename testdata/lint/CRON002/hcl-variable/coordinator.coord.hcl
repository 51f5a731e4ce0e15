coordinator "cron002-variable" {
  frequency = schedule # want "CRON002"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron002-variable"
  }
}
