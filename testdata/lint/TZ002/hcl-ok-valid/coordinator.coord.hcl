# Valid IDs, GMT offsets included.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "GMT+05:30"

  dataset "a" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "GMT-0700"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }
  dataset "b" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "PST"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
