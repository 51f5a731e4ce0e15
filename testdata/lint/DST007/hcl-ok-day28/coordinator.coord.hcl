# The 28th exists in every month.
coordinator "example" {
  frequency = coord::months(1)
  start     = "2009-01-28T00:00Z"
  end       = "2010-01-28T00:00Z"
  timezone  = "UTC"

  dataset "monthly" {
    frequency        = coord::months(1)
    initial_instance = "2009-01-28T00:00Z"
    timezone         = "UTC"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  input "m" {
    dataset  = dataset.monthly
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
