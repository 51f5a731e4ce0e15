# Region IDs, UTC and GMT are fine.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  dataset "u" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }
  dataset "g" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "GMT"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
