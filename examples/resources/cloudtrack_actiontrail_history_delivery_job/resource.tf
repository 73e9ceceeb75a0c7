# Deliver the last 90 days of events of a trail to its Log Service project,
# and wait until the delivery is complete.
resource "cloudtrack_actiontrail_history_delivery_job" "audit" {
  trail_name = "audit-trail"

  timeouts {
    create = "2h"
  }
}

# Start the delivery and return at once; status shows its progress on refresh.
resource "cloudtrack_actiontrail_history_delivery_job" "background" {
  trail_name          = "security-trail"
  wait_for_completion = false
}

output "delivered_regions" {
  value = [for r in cloudtrack_actiontrail_history_delivery_job.audit.region_statuses : r.region if r.status == "complete"]
}
