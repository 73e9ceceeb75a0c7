terraform {
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}

variable "endpoint" {
  type        = string
  description = "host:port of the mock cloud started by scripts/demo.sh."
}

provider "cloudtrack" {
  alicloud {
    access_key = "mock-access-key-id"
    secret_key = "mock-access-key-secret"
    region     = "cn-hangzhou"
    protocol   = "HTTP"
    endpoints = {
      actiontrail = var.endpoint
      cdn         = var.endpoint
      sas         = var.endpoint
    }
  }
  tencentcloud {
    secret_id  = "AKIDmockcloud"
    secret_key = "mock-secret-key"
    region     = "ap-guangzhou"
    protocol   = "HTTP"
    endpoints = {
      cloudaudit = var.endpoint
    }
  }
}

# The trail the history delivery job needs: it delivers to Log Service.
resource "cloudtrack_actiontrail_trail" "demo" {
  name            = "demo-trail"
  sls_project_arn = "acs:log:cn-hangzhou:1234567890:project/demo-audit"
}

resource "cloudtrack_actiontrail_history_delivery_job" "demo" {
  trail_name = cloudtrack_actiontrail_trail.demo.name
}

# A CDN operations report e-mailed every morning at 08:00.
resource "cloudtrack_cdn_deliver_task" "demo" {
  name         = "demo-daily-report"
  domain_names = ["example.com"]
  reports = [
    { report_id = 1, conditions = [{ field = "prov", values = ["Beijing"] }] },
    { report_id = 19 },
  ]
  schedule = {
    crontab   = "0 0 8 * * ?"
    frequency = "d"
  }
  deliver = {
    email = {
      subject = "CDN daily report"
      to      = ["ops@example.com"]
    }
  }
}

data "cloudtrack_actiontrail_history_delivery_job" "demo" {
  job_id = cloudtrack_actiontrail_history_delivery_job.demo.job_id
}

data "cloudtrack_actiontrail_history_delivery_jobs" "demo" {
  trail_name = cloudtrack_actiontrail_trail.demo.name
  depends_on = [cloudtrack_actiontrail_history_delivery_job.demo]
}

output "trail_is_logging" {
  value = cloudtrack_actiontrail_trail.demo.is_logging
}

output "job_id" {
  value = cloudtrack_actiontrail_history_delivery_job.demo.job_id
}

output "job_status" {
  value = data.cloudtrack_actiontrail_history_delivery_job.demo.status
}

output "region_statuses" {
  value = data.cloudtrack_actiontrail_history_delivery_job.demo.region_statuses
}

output "jobs_on_trail" {
  value = data.cloudtrack_actiontrail_history_delivery_jobs.demo.ids
}

output "total_count" {
  value = data.cloudtrack_actiontrail_history_delivery_jobs.demo.total_count
}

# Security Center: the subtasks the mock starts with (tasks 4001 and 4002).
data "cloudtrack_sas_operation_subtasks" "demo" {
  task_ids = ["4001", "4002"]
  language = "en"
}

data "cloudtrack_sas_operation_subtasks" "task_4002" {
  task_ids = ["4002"]
}

output "sas_subtasks" {
  value = {
    for s in data.cloudtrack_sas_operation_subtasks.demo.subtasks :
    s.detail_task_id => "task ${s.task_id}, asset type ${s.asset_type}: ${s.status}"
  }
}

output "sas_failed_checks" {
  value = distinct(flatten([
    for s in data.cloudtrack_sas_operation_subtasks.demo.subtasks :
    [for c in s.checks : c.name] if contains(["failed", "timed_out"], s.status)
  ]))
}

# Warns (does not fail the run) once a subtask of task 4002 failed.
check "sas_task_4002_healthy" {
  assert {
    condition = alltrue([
      for s in data.cloudtrack_sas_operation_subtasks.task_4002.subtasks : !contains(["failed", "timed_out"], s.status)
    ])
    error_message = "A subtask of Security Center task 4002 failed or timed out."
  }
}

resource "cloudtrack_cloudaudit_track" "demo" {
  name          = "demo-cos-writes"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject", "DeleteObject"]

  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "demo-audit-bucket"
    prefix = "demo"
  }
}

data "cloudtrack_cloudaudit_tracks" "demo" {
  name_regex = "^demo-"
  depends_on = [cloudtrack_cloudaudit_track.demo]
}

output "track_id" {
  value = cloudtrack_cloudaudit_track.demo.track_id
}

output "track_created" {
  value = cloudtrack_cloudaudit_track.demo.create_time
}

output "demo_tracks" {
  value = data.cloudtrack_cloudaudit_tracks.demo.ids
}

output "cdn_deliver_task_id" {
  value = cloudtrack_cdn_deliver_task.demo.id
}
