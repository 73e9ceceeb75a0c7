# Who changed these objects since the start of the month, other than the
# identity the provider signs with: one call per 50 write events of the
# window, or one look-up per object when that is cheaper.
data "cloudtrack_object_changes" "audit" {
  since = "2026-12-01T00:00:00Z"
  objects = [
    { type = "cloudaudit", name = cloudtrack_cloudaudit_track.main.id },
    { type = "ACS::ActionTrail::Trail", name = cloudtrack_actiontrail_trail.main.name },
    { type = "ACS::CDN::DeliverTask", name = cloudtrack_cdn_deliver_task.daily.id },
  ]
}

output "changed_by" {
  value = distinct([for c in data.cloudtrack_object_changes.audit.changes : c.who])
}
