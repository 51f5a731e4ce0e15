coordinator "el002-ok" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/el002-ok"
    configuration = {
      day   = coord::formatTime(coord::dateOffset(coord::nominalTime(), 1, "DAY"), "yyyy-MM-dd")
      queue = hadoop::conf("default", "mapreduce.job.queuename")
    }
  }
}
