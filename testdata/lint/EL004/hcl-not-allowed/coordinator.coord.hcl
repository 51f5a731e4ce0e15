coordinator "el004" {
  frequency = coord::hoursInDay(0) # want "EL004: coord:hoursInDay"
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
    dataset  = dataset.logs
    instance = coord::current(0)
  }

  sla {
    nominal_time = coord::nominalTime()
    should_end   = coord::dataIn("input") # want "EL004: coord:dataIn"
  }

  workflow {
    app_path = "hdfs:///apps/el004"
    configuration = {
      now = coord::current(0) # want "EL004: coord:current"
    }
  }
}
