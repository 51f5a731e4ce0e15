coordinator "every-other-day" {
  frequency = coord::days(2)
  start     = "2009-01-03T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "Europe/Paris"

  input "logs" {
    dataset  = dataset.logs
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/every-other-day"
  }
}
