# Every day at midnight London time, roll yesterday's hourly metric files
# into one daily file. Yesterday has 23 hours on 2024-03-31 (spring
# forward): coord:hoursInDay(-1), counted in steps of the hourly dataset,
# sizes the window to the hours that exist.

variable "start" {
  default = "2024-03-29T00:00Z"
}

variable "end" {
  default = "2024-04-03T00:00Z"
}

coordinator "hourly-rollup" {
  frequency = coord::days(1)
  start     = var.start
  end       = var.end
  timezone  = "Europe/London"

  controls {
    timeout     = coord::hours(3)
    concurrency = 2
    execution   = "FIFO"
    throttle    = 6
  }

  dataset "metrics-hourly" {
    frequency        = coord::hours(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "Europe/London"
    uri_template     = "${metricsRoot}/hourly/${YEAR}/${MONTH}/${DAY}/${HOUR}"
    done_flag        = "_READY"
  }

  dataset "metrics-daily" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "Europe/London"
    uri_template     = "${metricsRoot}/daily/${YEAR}-${MONTH}-${DAY}"
  }

  input "hours" {
    dataset        = dataset.metrics-hourly
    start_instance = coord::current(-coord::hoursInDay(-1))
    end_instance   = coord::current(-1)
  }

  output "day" {
    dataset   = dataset.metrics-daily
    instance  = coord::current(-1)
    nocleanup = true
  }

  workflow {
    app_path = "${appRoot}/hourly-rollup"
    configuration = {
      inputs = coord::dataIn("hours")
      output = coord::dataOut("day")
      day    = coord::formatTime(coord::dateOffset(coord::nominalTime(), -1, "DAY"), "yyyy-MM-dd")
    }
  }

  # Alert when a rollup has not finished two hours after its nominal time.
  sla {
    nominal_time  = coord::nominalTime()
    should_end    = 2 * HOURS
    alert_events  = "END_MISS"
    alert_contact = "metrics-oncall@example.com"
  }
}
