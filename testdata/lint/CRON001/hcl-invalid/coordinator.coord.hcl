coordinator "cron001" {
  frequency = "*/0 * * * *" # want "CRON001: increment 0"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron001"
  }
}
