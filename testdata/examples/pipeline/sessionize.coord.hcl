# Stage 1: every day, turn yesterday's 24 hourly event directories into one
# sessions partition. The datasets are declared once, in shared.coord.hcl.

coordinator "sessionize" {
  frequency = coord::days(1)
  start     = var.start
  end       = var.end
  timezone  = "UTC"

  input "events" {
    dataset        = dataset.events
    start_instance = coord::current(-24)
    end_instance   = coord::current(-1)
  }

  output "sessions" {
    dataset  = dataset.sessions
    instance = coord::current(-1)
  }

  workflow {
    app_path = "${appRoot}/sessionize"
    configuration = {
      input  = coord::dataIn("events")
      output = coord::dataOut("sessions")
    }
  }
}
