coordinator "ctl002-ok" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout = 0
  }

  workflow {
    app_path = "hdfs:///apps/ctl002-ok"
  }
}
