# coordc:ignore-file DST001 -- generated file

coordinator "example" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}

coordinator "other" {
  frequency = 2880
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/other"
  }
}
