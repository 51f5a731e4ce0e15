# CET is a legacy tz database zone: reported without a fix.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "CET" # want "TZ001"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
