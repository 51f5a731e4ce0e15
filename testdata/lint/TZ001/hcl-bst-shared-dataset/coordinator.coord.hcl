# BST is Bangladesh, not British Summer Time.
dataset "d" {
  frequency        = coord::days(1)
  initial_instance = "2009-01-01T00:00Z"
  timezone         = "BST" # want "TZ001: Dataset \"d\" time zone"
  uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}

coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  input "d" {
    dataset  = dataset.d
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
