dataset "logs" {
  frequency        = coord::days(1)
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}"
}
