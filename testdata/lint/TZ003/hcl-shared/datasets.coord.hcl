# A shared dataset in Paris time.
dataset "logs" {
  frequency        = coord::days(1)
  initial_instance = "2009-01-01T00:00Z"
  timezone         = "Europe/Paris" # want "TZ003"
  uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}
