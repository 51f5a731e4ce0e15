# US/Pacific and America/Los_Angeles are the same zone.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "US/Pacific"

  dataset "logs" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "logs" {
    dataset  = dataset.logs
    instance = coord::current(-1)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
