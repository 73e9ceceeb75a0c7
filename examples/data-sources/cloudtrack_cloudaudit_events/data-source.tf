# Who changed CloudAudit track 1001 in the last day (Terraform itself runs
# with its own SecretId; everyone else is listed).
data "cloudtrack_cloudaudit_events" "track_changes" {
  resource_name = "1001"
  action_type   = "Write"
  start_time    = timeadd(plantimestamp(), "-24h")
  max_events    = 50 # one LookUpEvents call
}

output "track_changes" {
  value = [
    for e in data.cloudtrack_cloudaudit_events.track_changes.events :
    { who = e.username, what = e.event_name, when = e.event_time, from = e.source_ip }
  ]
}
