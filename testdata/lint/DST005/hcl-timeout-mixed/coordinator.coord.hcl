# Part of a larger expression: reported without a fix.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  controls {
    timeout = coord::months(1) + 60 # want "DST005"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
