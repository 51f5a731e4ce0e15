coordinator "daily" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  input "events" {
    dataset        = dataset.events
    start_instance = coord::current(-23)
    end_instance   = coord::current(0)
  }

  input "sessions" {
    dataset        = dataset.sessions # want "PIPE001: dataset \"sessions\""
    start_instance = coord::current(-23)
    end_instance   = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/daily"
  }
}
