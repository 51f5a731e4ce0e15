# coord::months(1) in a timeout is 30 days, also inside a quoted template.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  controls {
    timeout = "${coord::months(1)}" # want "DST005: not calendar months"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
