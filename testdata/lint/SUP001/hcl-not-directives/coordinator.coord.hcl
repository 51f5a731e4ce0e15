# Text that only looks like a directive: inside a heredoc, a string, or a
# template with nested quotes. None of it is a suppression, so SUP001 has
# nothing to report; the real directive below still covers its block.
# coordc:ignore DST001 -- the feed is cut on UTC days
coordinator "example" {
  frequency = 1440
  start     = "2009-01-02T08:00Z"
  end       = "2010-01-02T08:00Z"
  timezone  = "America/Los_Angeles"

  workflow {
    app_path = "hdfs:///apps/example#coordc:ignore DST002 -- not a comment"
    configuration = {
      day  = "${coord::formatTime(coord::nominalTime(), "yyyy{")}/# coordc:ignore DST004 -- no"
      note = <<EOT
  # coordc:ignore DST006 -- inside a heredoc
EOT
    }
  }
}
