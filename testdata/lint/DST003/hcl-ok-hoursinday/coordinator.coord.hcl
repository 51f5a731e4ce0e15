# coord::hoursInDay sizes the window to the hours the day has.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  dataset "hourly" {
    frequency        = coord::hours(1)
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "logs" {
    dataset        = dataset.hourly
    start_instance = coord::current(-(coord::hoursInDay(-1) - 1))
    end_instance   = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
