coordinator "el006" {
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
    instance = coord::current(0)
  }

  output "output" {
    dataset  = dataset.report
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/el006"
    configuration = {
      typo = coord::dataIn("inputs") # want "EL006: coord:dataIn names no data-in \"inputs\""

      dataset = coord::dataIn("logs") # want "EL006: names no data-in \"logs\""

      swapped = coord::dataIn("output") # want "EL006: names no data-in \"output\""

      quoted = "${coord::dataOut("outptu")}" # want "EL006: coord:dataOut"
    }
  }
}
