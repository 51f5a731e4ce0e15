coordinator "cron001-never" {
  frequency = "0 10 30 2 *" # want "CRON001"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron001-never"
  }
}
