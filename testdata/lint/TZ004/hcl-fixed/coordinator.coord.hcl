# SystemV/HST10 is a fixed offset.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2024-01-02T10:00Z"
  end       = "2025-01-02T10:00Z"
  timezone  = "SystemV/HST10" # want "TZ004"

  workflow {
    app_path = "hdfs:///apps/report"
  }
}
