# American/Chicago (a corpus case).
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T06:00Z"
  end       = "2010-01-02T06:00Z"
  timezone  = "American/Chicago" # want "TZ002: did you mean \"America/Chicago\""

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
