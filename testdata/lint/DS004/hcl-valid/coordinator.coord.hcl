coordinator "ds004-ok" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "logs" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}"
  }
  dataset "report" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/report/${YEAR}/${MONTH}/${DAY}"
  }

  input "input" {
    dataset  = dataset.logs
    instance = coord::latest(0)
  }

  output "output" {
    dataset  = dataset.report
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/ds004-ok"
  }
}
