# A dataset no event uses.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  dataset "logs" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
