variable "start" {
  default = "2024-06-01T00:00Z"
}

variable "end" {
  default = "2024-06-08T00:00Z"
}

dataset "events" {
  frequency        = coord::hours(1)
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "${dataRoot}/events/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}

dataset "sessions" {
  frequency        = coord::days(1)
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "${dataRoot}/sessions/${YEAR}-${MONTH}-${DAY}"
}

dataset "weekly-report" {
  frequency        = coord::days(7)
  initial_instance = "2024-01-06T00:00Z"
  timezone         = "UTC"
  uri_template     = "${dataRoot}/reports/week-${YEAR}${MONTH}${DAY}"
  done_flag        = ""
}
