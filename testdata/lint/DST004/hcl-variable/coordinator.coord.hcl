# The cron comes from a variable.
variable "cron" {
  default = "0 20 * * *"
}

coordinator "example" {
  frequency = var.cron # want "DST004"
  start     = "2019-01-01T20:00Z"
  end       = "2020-01-01T20:00Z"
  timezone  = "Europe/Paris"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
