coordinator "daily-report" { # want "PIPE002: is also used in this file"
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/report"
  }
}

coordinator "daily-report" { # want "PIPE002: is also used in this file"
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/hourly-report"
  }
}
