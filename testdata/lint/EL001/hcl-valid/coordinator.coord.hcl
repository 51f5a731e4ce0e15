# HCL values are parsed by HCL, so EL syntax errors cannot occur;
# these values are valid EL.
coordinator "el001-ok" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"

  workflow {
    app_path = "hdfs:///apps/el001-ok"
    configuration = {
      day  = coord::formatTime(coord::nominalTime(), "yyyy-MM-dd")
      cost = "costs $5 {not EL} and $${escaped}"
      pick = 1 + 2 > 2 ? "a" : "b"
    }
  }
}
