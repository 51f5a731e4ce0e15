# PST is Los Angeles with daylight saving time.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "PST" # want "TZ001"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
