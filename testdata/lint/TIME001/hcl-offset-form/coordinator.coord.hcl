# The +0900 form only a GMT+0900 server accepts.
coordinator "example" {
  frequency = coord::days(1)
  start     = "2012-08-08T12:42+0900" # want "TIME001: offset form"
  end       = "2013-01-02T08:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
