# Every DCDN deliver task, enabled or not.
list "cloudtrack_dcdn_deliver_task" "all" {
  provider         = cloudtrack
  include_resource = true
}
