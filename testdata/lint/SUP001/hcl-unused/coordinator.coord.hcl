# The directive matches nothing: the fix removes it.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  # want+1 "SUP001: Suppression of DST001 matches no finding"
  # coordc:ignore DST001 -- the frequency was fixed long ago
  controls {
    timeout = 60
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
