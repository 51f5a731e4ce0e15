# Bare names are job properties; job.properties defines nameNode and queueName.
variable "outDir" {
  default = "/data/out"
}

coordinator "el005" {
  frequency = coord::days(1)
  start     = startTime # want "EL005: Parameter \"startTime\" is not defined"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/el005"
    configuration = {
      queue  = queuename                          # want "EL005: \"queuename\""
      again  = "${appName}-${var.outDir}-${YEAR}" # want "EL005: \"appName\""
      dotted = oozie.wf.application.path          # want `EL005: variable \[oozie\]`
    }
  }
}
