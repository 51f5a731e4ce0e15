# The zone comes from a variable, overridden by job.properties: no fix.
variable "tz" {
  default = "Europe/Paris"
}

coordinator "example" {
  frequency = coord::days(1)
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = var.tz # want "TZ002"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
