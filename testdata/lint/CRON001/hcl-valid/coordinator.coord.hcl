coordinator "cron001-ok" {
  frequency = "0/20 9-17 * JAN-MAR MON-FRI"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron001-ok"
  }
}
