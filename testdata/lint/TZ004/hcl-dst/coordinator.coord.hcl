coordinator "example" {
  frequency = coord::days(1)
  start     = "2024-01-02T05:00Z"
  end       = "2025-01-02T05:00Z"
  timezone  = "SystemV/EST5EDT" # want "TZ004"

  workflow {
    app_path = "hdfs:///apps/report"
  }
}
