# Datasets shared by both coordinators.
dataset "events" {
  frequency        = coord::hours(1)
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "hdfs://nn:8020/events/${YEAR}/${MONTH}/${DAY}"
}

dataset "sessions" {
  frequency        = coord::hours(1)
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "hdfs://nn:8020/sessions/${YEAR}/${MONTH}/${DAY}"
}
