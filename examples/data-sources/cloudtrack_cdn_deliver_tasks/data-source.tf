# Every enabled CDN deliver task whose name starts with "daily-".
data "cloudtrack_cdn_deliver_tasks" "daily" {
  name_regex = "^daily-"
  enabled    = true
}

output "daily_task_recipients" {
  value = { for t in data.cloudtrack_cdn_deliver_tasks.daily.tasks : t.name => t.deliver.email.to }
}
