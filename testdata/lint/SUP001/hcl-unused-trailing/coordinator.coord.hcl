# A stale directive sharing a line: the fix removes the comment only.
coordinator "example" {
  frequency = coord::days(1) /* coordc:ignore DST001 -- stale */ # want "SUP001: matches no finding"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
