# A frequency from a variable: reported, but not fixed (the value is not in the text).
variable "minutes" {
  default = 1440
}

coordinator "nightly" {
  frequency = var.minutes # want "DST001"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/nightly"
  }
}
