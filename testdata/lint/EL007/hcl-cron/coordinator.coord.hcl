coordinator "el007" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/report"
    configuration = {
      yesterday = coord::dateOffset(coord::nominalTime(), 1, "CRON") # want "EL007"
    }
  }
}
