data "cloudtrack_actiontrail_history_delivery_job" "last" {
  job_id = 12345
}

output "job_status" {
  value = data.cloudtrack_actiontrail_history_delivery_job.last.status
}
