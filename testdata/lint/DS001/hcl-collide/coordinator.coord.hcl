# URI templates coarser than the dataset frequency.
coordinator "ds001" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "hourly" {
    frequency        = coord::hours(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/hourly/${YEAR}/${MONTH}/${DAY}" # want "DS001"
  }
  dataset "static" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/static" # want "DS001"
  }

  workflow {
    app_path = "hdfs:///apps/ds001"
  }
}
