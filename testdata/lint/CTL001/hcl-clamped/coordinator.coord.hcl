coordinator "ctl001" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout     = 129600 # want "CTL001: Timeout 129600 is out of range; Oozie uses 86400"
    concurrency = 1
    throttle    = 0 # want "CTL001: Throttle 0"
  }

  workflow {
    app_path = "hdfs:///apps/ctl001"
  }
}
