# A shared dataset of the directory, read by the coordinator in the other file.
dataset "logs" {
  frequency        = 2880 # want "DST001: Dataset \"logs\" frequency \"2880\" is a fixed 48 hours, not 2 calendar days"
  initial_instance = "2009-01-01T08:00Z"
  timezone         = "Europe/Paris"
  uri_template     = "hdfs:///logs/${YEAR}/${MONTH}/${DAY}"
}
