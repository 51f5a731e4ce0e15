# Stage 2: every Saturday, once the seven sessions partitions of the week
# exist (stage 1 writes them), build the weekly report.

coordinator "weekly-report" {
  frequency = coord::days(7)
  start     = "2024-06-01T00:00Z"
  end       = var.end
  timezone  = "UTC"

  controls {
    timeout = coord::days(1)
  }

  input "week" {
    dataset        = dataset.sessions
    start_instance = coord::current(-7)
    end_instance   = coord::current(-1)
  }

  output "report" {
    dataset  = dataset.weekly-report
    instance = coord::current(0)
  }

  workflow {
    app_path = "${appRoot}/weekly-report"
    configuration = {
      sessions = coord::dataIn("week")
      report   = coord::dataOut("report")
    }
  }
}
