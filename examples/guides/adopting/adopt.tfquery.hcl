# Everything the provider can adopt. Narrow each list with its config block
# (see each list resource's page) to adopt only some objects.
list "cloudtrack_cloudaudit_track" "all" {
  provider         = cloudtrack
  include_resource = true
}

list "cloudtrack_cdn_deliver_task" "all" {
  provider         = cloudtrack
  include_resource = true
}

list "cloudtrack_dcdn_deliver_task" "all" {
  provider         = cloudtrack
  include_resource = true
}

list "cloudtrack_actiontrail_history_delivery_job" "complete" {
  provider         = cloudtrack
  include_resource = true

  config {
    status = "complete"
  }
}
