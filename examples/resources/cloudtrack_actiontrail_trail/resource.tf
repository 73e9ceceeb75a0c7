# A trail that delivers write events of every region to a Log Service
# project, switched on: a history delivery job can use it.
resource "cloudtrack_actiontrail_trail" "audit" {
  name               = "audit-trail"
  sls_project_arn    = "acs:log:cn-hangzhou:1234567890123456:project/audit-logs"
  sls_write_role_arn = "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail"
}

# Deliver its history too: the job waits for the trail.
resource "cloudtrack_actiontrail_history_delivery_job" "audit" {
  trail_name = cloudtrack_actiontrail_trail.audit.name
}

# All events of two regions to Log Service and to an OSS bucket, kept
# switched off for now.
resource "cloudtrack_actiontrail_trail" "archive" {
  name            = "archive-trail"
  sls_project_arn = "acs:log:cn-shanghai:1234567890123456:project/audit-archive"
  oss_bucket_name = "audit-archive"
  oss_key_prefix  = "actiontrail"
  event_rw        = "All"
  trail_region    = "cn-hangzhou,cn-shanghai"
  logging         = false
}

output "audit_delivery" {
  value = {
    logging        = cloudtrack_actiontrail_trail.audit.is_logging
    last_delivered = cloudtrack_actiontrail_trail.audit.sls_latest_delivery_time
    last_error     = cloudtrack_actiontrail_trail.audit.sls_latest_delivery_error
  }
}
