# Quoted forms: the fix replaces the whole string with an expression.
coordinator "weekly" {
  frequency = "10080" # want "DST001: fixed 168 hours, not a calendar week"
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  dataset "daily" {
    frequency        = "${coord::minutes(1440)}" # want "DST001: Dataset \"daily\" frequency"
    initial_instance = "2009-01-01T08:00Z"
    timezone         = "America/Los_Angeles"
    uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}"
  }

  input "day" {
    dataset  = dataset.daily
    instance = coord::current(0)
  }

  workflow {
    app_path = "hdfs:///apps/weekly"
  }
}
