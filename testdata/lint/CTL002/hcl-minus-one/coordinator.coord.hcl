coordinator "ctl002" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout = -1 # want "CTL002: Timeout -1 means 60 days"
  }

  workflow {
    app_path = "hdfs:///apps/ctl002"
  }
}
