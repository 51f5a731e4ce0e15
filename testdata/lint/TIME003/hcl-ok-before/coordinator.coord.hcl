# The dataset starts before the job.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-01T00:00Z"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  dataset "logs" {
    frequency        = coord::days(1)
    initial_instance = "2008-12-01T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "in" {
    dataset  = dataset.logs
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
