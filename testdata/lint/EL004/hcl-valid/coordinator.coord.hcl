coordinator "el004-ok" {
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

  input "input" {
    dataset        = dataset.logs
    start_instance = coord::current(-(coord::hoursInDay(0) - 1))
    end_instance   = coord::current(0)
  }

  sla {
    nominal_time = coord::nominalTime()
    should_end   = 2 * HOURS
  }

  workflow {
    app_path = "hdfs:///apps/el004-ok"
    configuration = {
      input = coord::dataIn("input")
    }
  }
}
