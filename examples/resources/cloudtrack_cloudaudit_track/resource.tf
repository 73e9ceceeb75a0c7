# Every write to COS, delivered to a bucket (simple form).
resource "cloudtrack_cloudaudit_track" "cos_writes" {
  name          = "cos-writes"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["*"]

  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-logs" # the bucket name without -APPID
    prefix = "coswrites"
  }
}

# Reads of CAM and two CVM APIs, delivered to a Log Service topic (filter
# form), for every member account of the organization.
resource "cloudtrack_cloudaudit_track" "cam_reads" {
  name                  = "cam-reads"
  track_for_all_members = true

  filters = [
    { resource_type = "cam", action_type = "Read", event_names = ["*"] },
    { resource_type = "cvm", action_type = "*", event_names = ["RunInstances", "TerminateInstances"] },
  ]

  storage = {
    type   = "cls"
    region = "ap-shanghai"
    name   = "b7f7e2c4-1d3c-4e5f-9a8b-0c1d2e3f4a5b" # the topic id
    prefix = "camreads"
  }
}

# Everything, paused for now.
resource "cloudtrack_cloudaudit_track" "all" {
  name          = "all-events"
  enabled       = false
  action_type   = "*"
  resource_type = "*"
  event_names   = ["*"]

  storage = {
    type       = "cos"
    region     = "ap-beijing"
    name       = "central-audit"
    prefix     = "all"
    account_id = "100012345678" # a bucket of another account
    app_id     = "1250000000"
  }
}

# Writes of every product, compressed, to a CKafka topic (instance id/topic).
resource "cloudtrack_cloudaudit_track" "to_kafka" {
  name          = "writes-to-kafka"
  action_type   = "Write"
  resource_type = "*"
  event_names   = ["*"]

  storage = {
    type     = "ckafka"
    region   = "ap-guangzhou"
    name     = "ckafka-abc123/audit_log"
    prefix   = "audit"
    compress = true # when not set, CloudAudit's choice is kept
  }
}
