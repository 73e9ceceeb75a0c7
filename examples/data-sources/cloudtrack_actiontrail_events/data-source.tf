# Who wrote to the trail "audit-trail" this week, other than Terraform's key?
data "cloudtrack_actiontrail_events" "trail_changes" {
  resource_name = "audit-trail"
  event_rw      = "Write"
  start_time    = "2026-12-01T00:00:00Z"
  max_events    = 100 # at most 2 LookupEvents calls (50 events each, 2 calls/s)
}

output "changed_by_others" {
  value = [
    for e in data.cloudtrack_actiontrail_events.trail_changes.events :
    "${e.event_time} ${e.user_name} ${e.event_name} from ${e.source_ip}"
    if e.access_key_id != var.terraform_access_key_id
  ]
}

variable "terraform_access_key_id" {
  type = string
}
