coordinator "cron002-list" {
  frequency = " 30 2 * * 1,7 " # want "CRON002: \"1,7\" means SUN,SAT"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron002-list"
  }
}
