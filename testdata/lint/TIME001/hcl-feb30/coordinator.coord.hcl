# Day 30 of February in an initial instance.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  dataset "d" {
    frequency        = coord::days(1)
    initial_instance = "2009-02-30T00:00Z" # want "TIME001: initial-instance"
    timezone         = "UTC"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
