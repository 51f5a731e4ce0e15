# A daily cron at 20:00Z in Paris.
coordinator "example" {
  frequency = "0 20 * * *" # want "DST004: fires in UTC"
  start     = "2019-01-01T20:00Z"
  end       = "2020-01-01T20:00Z"
  timezone  = "Europe/Paris"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
