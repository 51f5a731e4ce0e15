coordinator "single" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "clicks" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/clicks/${YEAR}/${MONTH}/${DAY}"
  }
  dataset "totals" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/totals/${YEAR}/${MONTH}/${DAY}"
  }

  input "clicks" {
    dataset  = dataset.clicks # want "PIPE001"
    instance = coord::current(0)
  }

  input "previous" {
    dataset  = dataset.totals
    instance = coord::current(-1)
  }

  output "output" {
    dataset  = dataset.totals
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/single"
  }
}
