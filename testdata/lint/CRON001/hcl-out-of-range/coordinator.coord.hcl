coordinator "cron001-range" {
  frequency = "0 9 * * 0-4" # want "CRON001: Invalid cron"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron001-range"
  }
}
