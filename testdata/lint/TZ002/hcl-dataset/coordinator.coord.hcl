# A dataset zone misspelled as in the Oozie spec.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  dataset "d" {
    frequency        = coord::days(1)
    initial_instance = "2009-01-01T00:00Z"
    timezone         = "Americas/Los_Angeles" # want "TZ002"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
