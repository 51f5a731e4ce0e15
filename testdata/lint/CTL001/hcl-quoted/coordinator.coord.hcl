coordinator "ctl001-quoted" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  controls {
    timeout = "-5" # want "CTL001: Timeout -5"

    throttle = "1000" # want "CTL001: Throttle 1000"
  }

  workflow {
    app_path = "hdfs:///apps/ctl001-quoted"
  }
}
