# The dataset starts a month after the job.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-01T00:00Z"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  dataset "logs" {
    frequency        = coord::days(1)
    initial_instance = "2009-02-01T00:00Z" # want "TIME003"
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
