// coordc:ignore DST001 -- stacked directives and // comments
/* coordc:ignore TZ003 -- block comments too */
coordinator "example" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  dataset "hourly" {
    frequency        = coord::hours(1)
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "h" {
    dataset  = dataset.hourly
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
