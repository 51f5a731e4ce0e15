# coordc:ignore TEST001 -- tested
coordinator "b" {
  frequency = freq
  start     = "2024-01-01T00:00Z"
  end       = "2024-02-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs://x/y"
  }
}
