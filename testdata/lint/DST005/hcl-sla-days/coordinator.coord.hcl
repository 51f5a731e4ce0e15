# DAYS in an SLA is 1440 minutes.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  sla {
    nominal_time = coord::nominalTime()
    should_end   = 1 * DAYS # want "DST005: uses DAYS"
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
