coordinator "ds003" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  dataset "logs" {
    frequency        = coord::hours(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}"
  }

  input "current" {
    dataset        = dataset.logs
    start_instance = coord::current(0) # want "DS003: data-in \"current\""
    end_instance   = coord::current(-23)
  }

  input "latest" {
    dataset        = dataset.logs
    start_instance = "${coord::latest(-1)}" # want "DS003"
    end_instance   = "${coord::latest(-3)}"
  }

  input "variable" {
    dataset        = dataset.logs
    start_instance = coord::current(0) # want "DS003"
    end_instance   = coord::current(-back)
  }

  workflow {
    app_path = "hdfs:///apps/ds003"
  }
}
