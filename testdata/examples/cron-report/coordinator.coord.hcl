# A weekday report (Quartz day-of-week 2-6 is Monday to Friday). Cron
# frequencies fire on the UTC grid, at 06:30Z; Oozie then shifts a fire
# that comes a day or more after the previous one by the job zone's DST
# change since the start, so in one materialization pass every action after
# the spring-forward weekend runs at 05:30Z, still 07:30 in Berlin.
# coordc plan flags them cron-dst-corrected.

variable "start" {
  default = "2024-03-25T00:00Z"
}

variable "end" {
  default = "2024-04-06T00:00Z"
}

coordinator "weekday-report" {
  frequency = "30 6 * * 2-6"
  start     = var.start
  end       = var.end
  timezone  = "Europe/Berlin"

  controls {
    timeout   = coord::hours(4)
    execution = "LAST_ONLY"
  }

  dataset "orders" {
    frequency        = coord::days(1)
    initial_instance = "2024-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "${warehouse}/orders/dt=${YEAR}-${MONTH}-${DAY}"
  }

  input "orders" {
    dataset  = dataset.orders
    instance = coord::current(-1)
  }

  workflow {
    app_path = "${appRoot}/weekday-report"
    configuration = {
      orders     = coord::dataIn("orders")
      reportDate = coord::formatTime(coord::nominalTime(), "yyyy-MM-dd")
      recipients = "sales@example.com"
    }
  }
}
