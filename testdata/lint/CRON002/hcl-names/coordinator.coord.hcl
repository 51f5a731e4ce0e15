coordinator "cron002-names" {
  frequency = "0 9 * * MON-FRI"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron002-names"
  }
}
