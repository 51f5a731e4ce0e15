coordinator "ds004" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "report" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/report/${YEAR}/${MONTH}/${DAY}"
  }

  output "latest" {
    dataset  = dataset.report
    instance = coord::latest(0) # want "DS004: coord:latest is not allowed in data-out \"latest\""
  }

  output "future" {
    dataset  = dataset.report
    instance = coord::future(0, 3) # want "DS004: coord:future"
  }

  workflow {
    app_path = "hdfs:///apps/ds004"
  }
}
