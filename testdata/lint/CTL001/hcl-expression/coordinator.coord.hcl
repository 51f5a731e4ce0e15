coordinator "ctl001-el" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout  = coord::days(90) # want "CTL001: Timeout 129600"
    throttle = maxWaiting      # want "CTL001: Throttle 1000"
  }

  workflow {
    app_path = "hdfs:///apps/ctl001-el"
  }
}
