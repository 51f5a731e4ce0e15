# A shared monthly dataset from January 31st.
dataset "monthly" {
  frequency        = coord::months(1)
  initial_instance = "2009-01-31T00:00Z" # want "DST007: anchored on day 31"
  timezone         = "UTC"
  uri_template     = "hdfs:///data/${YEAR}/${MONTH}/${DAY}/${HOUR}"
}
