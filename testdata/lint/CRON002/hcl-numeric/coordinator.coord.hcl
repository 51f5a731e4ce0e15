coordinator "cron002" {
  frequency = "0 9 * * 2-6" # want "CRON002: \"2-6\" means MON-FRI in Oozie but TUE-SAT in Unix cron"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/cron002"
  }
}
