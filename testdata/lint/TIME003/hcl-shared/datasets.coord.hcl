# A shared dataset that starts two months after the job.
dataset "logs" {
  frequency        = coord::days(1)
  initial_instance = "2009-03-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}
