coordinator "ingest" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "raw" {
    frequency        = coord::hours(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/raw/${YEAR}/${MONTH}/${DAY}"
  }

  input "input" {
    dataset  = dataset.raw # want "PIPE001: \"raw\""
    instance = coord::current(0)
  }

  output "output" {
    dataset  = dataset.events
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/ingest"
  }
}
