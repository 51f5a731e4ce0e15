coordinator "ds001-ok" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "hourly" {
    frequency        = coord::hours(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/hourly/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }
  dataset "monthly" {
    frequency        = coord::months(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/monthly/${YEAR}/${MONTH}"
  }

  workflow {
    app_path = "hdfs:///apps/ds001-ok"
  }
}
