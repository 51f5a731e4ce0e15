# Every day at midnight Los Angeles time, once all of yesterday's hourly log
# directories have their _SUCCESS flag, build yesterday's partition.
# Yesterday has 23 hours on 2009-03-08 (spring forward): coord:hoursInDay
# sizes the window, so the job waits for exactly the hours that exist.

variable "start" {
  default = "2009-03-01T08:00Z"
}

variable "end" {
  default = "2009-03-15T07:00Z"
}

coordinator "daily-logs" {
  frequency = coord::days(1)
  start     = var.start
  end       = var.end
  timezone  = "America/Los_Angeles"

  controls {
    timeout     = coord::hours(6)
    concurrency = 1
    execution   = "FIFO"
  }

  dataset "hourly-logs" {
    frequency        = coord::hours(1)
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "${logsRoot}/hourly/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  dataset "daily-partitions" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "${warehouse}/daily/${YEAR}${MONTH}${DAY}"
    done_flag        = ""
  }

  input "yesterday" {
    dataset        = dataset.hourly-logs
    start_instance = coord::current(-coord::hoursInDay(-1))
    end_instance   = coord::current(-1)
  }

  output "partition" {
    dataset  = dataset.daily-partitions
    instance = coord::current(-1)
  }

  workflow {
    app_path = "${appRoot}/daily-logs"
    configuration = {
      inputDirs = coord::dataIn("yesterday")
      outputDir = coord::dataOut("partition")
      day       = coord::formatTime(coord::dateOffset(coord::nominalTime(), -1, "DAY"), "yyyy-MM-dd")
    }
  }
}
