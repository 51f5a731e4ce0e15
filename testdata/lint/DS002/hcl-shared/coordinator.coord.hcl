# A shared dataset of the directory is defined for every coordinator.
coordinator "ds002-shared" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  input "input" {
    dataset  = dataset.logs
    instance = coord::current(0)
  }

  input "typo" {
    dataset  = dataset.log # want "DS002"
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/ds002-shared"
  }
}
