# A directive alone on its line covers the block that follows: here a dataset.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  # coordc:ignore fixed-day-frequency -- rules can be named
  dataset "daily" {
    frequency        = 1440
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "day" {
    dataset  = dataset.daily
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
