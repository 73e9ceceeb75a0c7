# The completed history delivery jobs of one trail.
list "cloudtrack_actiontrail_history_delivery_job" "done" {
  provider         = cloudtrack
  include_resource = true

  config {
    trail_name = "audit-trail"
    status     = "complete"
  }
}
