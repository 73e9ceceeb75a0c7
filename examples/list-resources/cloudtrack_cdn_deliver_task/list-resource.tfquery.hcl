# Every enabled CDN deliver task whose name starts with "ops-".
list "cloudtrack_cdn_deliver_task" "ops" {
  provider         = cloudtrack
  include_resource = true

  config {
    name_regex = "^ops-"
    enabled    = true
  }
}
