# Trailing comments aligned by coordc fmt: the fix realigns them so that
# the fixed file is still formatted.
coordinator "example" {
  frequency = coord::days(1)      # every day
  start     = "2009-01-02T08:00Z" # midnight PST
  end       = "2010-01-02T08:00Z" # a year later
  timezone  = "PST"               # want "TZ001"

  workflow {
    app_path = "hdfs:///apps/example"
  }
}
