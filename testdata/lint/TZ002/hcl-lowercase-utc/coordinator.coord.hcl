# IDs are case-sensitive.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "utc" # want "TZ002: did you mean \"UTC\""

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
