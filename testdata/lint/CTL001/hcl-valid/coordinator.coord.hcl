coordinator "ctl001-ok" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout     = 86400
    concurrency = 2
    throttle    = 500
  }

  workflow {
    app_path = "hdfs:///apps/ctl001-ok"
  }
}
