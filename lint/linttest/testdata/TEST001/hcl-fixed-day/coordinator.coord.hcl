coordinator "fixed-day" {
  frequency = 1440 # want "TEST001: fixed 24 hours"
  start     = "2024-01-01T00:00Z"
  end       = "2024-02-01T00:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs://x/y" // a URI is not a comment
  }
}
