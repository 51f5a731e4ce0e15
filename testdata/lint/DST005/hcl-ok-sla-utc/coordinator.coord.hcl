# DAYS in an SLA of a UTC job.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "UTC"

  sla {
    nominal_time = coord::nominalTime()
    should_end   = 1 * DAYS
  }

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
