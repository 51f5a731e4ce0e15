coordinator "el002" {
  frequency = coord::hourly(1) # want "EL002: coord:hourly"
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/el002"
    configuration = {
      day = coord::formatTime(coord::nominaltime(), "yyyy-MM-dd") # want "EL002: coord:nominaltime"

      next = coord::formatTime(dateOffset(coord::nominalTime(), 1, "DAY"), "yyyy") # want "EL002: dateOffset"

      foo = foo::bar() # want "EL002: foo:bar"

      quoted = "${coord::formatTime(coord::nominaltime(), "yyyy")}" # want "EL002: coord:nominaltime"
    }
  }
}
