# endOfMonths moves the start to the 1st.
coordinator "example" {
  frequency = coord::endOfMonths(1)
  start     = "2009-01-30T00:00Z"
  end       = "2010-01-30T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
