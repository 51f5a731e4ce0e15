coordinator "el003" {
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

  input "input" {
    dataset        = dataset.logs
    start_instance = coord::offset(-1, "Day") # want "EL003: time unit"
    end_instance   = coord::offset(0, "DAY")
  }

  workflow {
    app_path = "hdfs:///apps/el003"
    configuration = {
      day  = coord::formatTime(coord::nominalTime()) # want "EL003: Wrong number"
      plus = coord::nominalTime() + 1                # want "EL003: returns a datetime"
    }
  }
}
