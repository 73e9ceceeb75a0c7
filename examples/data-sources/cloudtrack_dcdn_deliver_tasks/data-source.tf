# Every enabled DCDN deliver task whose name starts with "daily-".
data "cloudtrack_dcdn_deliver_tasks" "daily" {
  name_regex = "^daily-"
  enabled    = true
}

output "daily_task_recipients" {
  value = { for t in data.cloudtrack_dcdn_deliver_tasks.daily.tasks : t.name => t.deliver.email.to }
}
