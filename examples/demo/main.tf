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
    }
  }
}

resource "cloudtrack_actiontrail_history_delivery_job" "demo" {
  trail_name = "demo-trail"
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
  trail_name = "demo-trail"
  depends_on = [cloudtrack_actiontrail_history_delivery_job.demo]
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

output "cdn_deliver_task_id" {
  value = cloudtrack_cdn_deliver_task.demo.id
}
