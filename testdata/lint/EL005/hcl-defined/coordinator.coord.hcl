# Everything is defined: job properties, a variable with a default, EL constants.
variable "outDir" {
  default = "/data/out"
}

coordinator "el005-ok" {
  frequency = coord::days(1)
  start     = startTime
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/el005-ok"
    configuration = {
      out  = "${var.outDir}/${nameNode}/${YEAR}"
      conf = coord::conf("hdfs.namenode")
    }
  }
}
