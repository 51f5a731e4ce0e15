coordinator "ds002" {
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
    dataset  = dataset.log # want "DS002: Dataset \"log\" is not defined"
    instance = coord::current(0)
  }

  input "other" {
    dataset  = "clicks" # want "DS002: \"clicks\""
    instance = coord::current(0)
  }

  output "output" {
    dataset  = "Report" # want "DS002: \"Report\""
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/ds002"
  }
}
