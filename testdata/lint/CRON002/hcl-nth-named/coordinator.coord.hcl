# Occurrence numbers after # are not day numbers.
coordinator "cron002-nth" {
  frequency = "1 2 * 3 TUE#2"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron002-nth"
  }
}
