# endOfDays from midnight: the first action is the next midnight.
coordinator "example" {
  frequency = coord::endOfDays(1)
  start     = "2009-01-01T00:00Z" # want "TIME004: skips the first day"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
