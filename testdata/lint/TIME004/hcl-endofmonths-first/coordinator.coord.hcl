# endOfMonths from the 1st.
coordinator "example" {
  frequency = coord::endOfMonths(1)
  start     = "2009-01-01T00:00Z" # want "TIME004: month"
  end       = "2010-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
