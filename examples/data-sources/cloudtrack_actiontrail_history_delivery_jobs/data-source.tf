# Every failed delivery of one trail, with the regions that failed.
data "cloudtrack_actiontrail_history_delivery_jobs" "failed" {
  trail_name           = "audit-trail"
  status               = "failed"
  with_region_statuses = true
}

output "failed_regions" {
  value = {
    for j in data.cloudtrack_actiontrail_history_delivery_jobs.failed.jobs :
    j.job_id => [for r in j.region_statuses : r.region if r.status == "failed"]
  }
}
