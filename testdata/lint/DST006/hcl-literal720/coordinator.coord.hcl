# 720 minutes from local noon.
coordinator "example" {
  frequency = 720 # want "DST006"
  start     = "2009-01-02T20:00Z"
  end       = "2010-01-02T20:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
