# Backfill 90 days of a trail's events into Log Service when the trail's
# Log Service project is first set up (here stood in for by terraform_data),
# or on demand:
#   terraform apply -invoke=action.cloudtrack_actiontrail_history_delivery.backfill
action "cloudtrack_actiontrail_history_delivery" "backfill" {
  config {
    trail_name = "audit-trail"

    timeouts {
      invoke = "2h"
    }
  }
}

resource "terraform_data" "log_project" {
  input = "audit-trail-logs"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.cloudtrack_actiontrail_history_delivery.backfill]
    }
  }
}
